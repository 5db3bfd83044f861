# Lets tests/fuzz/run build the fuzzers from a tree whose root CMakeLists.txt does not add tests/fuzz
# itself: passed as CMAKE_PROJECT_evidential_INCLUDE, it includes tests/fuzz/CMakeLists.txt once the
# root's targets exist (deferred to the end of the root directory), unless the root already added it.
function(_evidential_attach_fuzzers)
  if(NOT TARGET fuzz_lsp)
    include(${CMAKE_SOURCE_DIR}/tests/fuzz/CMakeLists.txt)
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _evidential_attach_fuzzers)
