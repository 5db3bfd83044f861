# The linear models (grammar/lexicon/*_model.tsv) hashed into WeightTable slot arrays at build time by
# cmake/weights_codegen.cpp (a host tool built from our own weights.h, so build and run time hash alike),
# compiled into evidential_core: start-up parses no model text. Included after evidential_core exists.
file(GLOB EVIDENTIAL_MODEL_FILES RELATIVE ${CMAKE_SOURCE_DIR}/grammar CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/grammar/lexicon/*_model.tsv)
list(TRANSFORM EVIDENTIAL_MODEL_FILES PREPEND ${CMAKE_SOURCE_DIR}/grammar/ OUTPUT_VARIABLE EVIDENTIAL_MODEL_PATHS)
add_executable(evidential_weights_codegen ${CMAKE_SOURCE_DIR}/cmake/weights_codegen.cpp)
target_include_directories(evidential_weights_codegen PRIVATE ${CMAKE_SOURCE_DIR})
# The tool writes into generated/ without creating it, and may run before the embedding step does.
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/generated/weights_data.cpp
  COMMAND evidential_weights_codegen ${CMAKE_BINARY_DIR}/generated/weights_data.cpp
          ${CMAKE_SOURCE_DIR}/grammar ${EVIDENTIAL_MODEL_FILES}
  DEPENDS evidential_weights_codegen ${EVIDENTIAL_MODEL_PATHS}
  COMMENT "Hashing the linear models into weight tables"
  VERBATIM)
target_sources(evidential_core PRIVATE ${CMAKE_BINARY_DIR}/generated/weights_data.cpp)
