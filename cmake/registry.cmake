# The built-in source registry (grammar/sources/registry.json) parsed at build time by
# cmake/registry_codegen.cpp, a host tool built from config/config.cpp itself (with a stub for the data it
# generates), and compiled into evidential_config as constants: start-up parses no registry JSON. User
# registries ("sources" in .evidential.json) are still parsed at run time. Included after
# evidential_config exists.
add_executable(evidential_registry_codegen ${CMAKE_SOURCE_DIR}/cmake/registry_codegen.cpp
               ${CMAKE_SOURCE_DIR}/cmake/registry_stub.cpp ${EVIDENTIAL_CONFIG_SOURCES})
target_link_libraries(evidential_registry_codegen PRIVATE evidential_core nlohmann_json::nlohmann_json)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/generated/registry_data.cpp
  COMMAND evidential_registry_codegen ${CMAKE_BINARY_DIR}/generated/registry_data.cpp
          ${CMAKE_SOURCE_DIR}/grammar/sources/registry.json
  DEPENDS evidential_registry_codegen ${CMAKE_SOURCE_DIR}/grammar/sources/registry.json
  COMMENT "Compiling the source registry into constants"
  VERBATIM)
target_sources(evidential_config PRIVATE ${CMAKE_BINARY_DIR}/generated/registry_data.cpp)
