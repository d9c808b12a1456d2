# harmwatch_test(NAME SOURCES a_test.cc ... DEPS hw_x ...): one GoogleTest binary per
# library folder, registered with CTest. Tests find ../shared through HARMWATCH_SHARED_DIR
# and the repo's data through HARMWATCH_DATA_DIR.
set(HARMWATCH_SHARED_DIR "${CMAKE_SOURCE_DIR}/../shared" CACHE PATH "The shared specs, corpus and gazetteers")
function(harmwatch_test name)
  if(NOT HARMWATCH_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    HARMWATCH_SHARED_DIR="${HARMWATCH_SHARED_DIR}"
    HARMWATCH_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/data"
    HARMWATCH_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  harmwatch_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
endfunction()
