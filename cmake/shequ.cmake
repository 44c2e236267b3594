# Helpers that every module's CMakeLists.txt uses, so that module dependencies read in one place.
#
#   shequ_library(NAME SOURCES a.cc b.cc DEPS shequ::base fmt::fmt)
#       a static library shequ_NAME (alias shequ::NAME), includes rooted at src/.
#   shequ_test(NAME SOURCES a_test.cc DEPS shequ::base [LABELS unit])
#       a GoogleTest executable whose cases are each registered with CTest.

set(SHEQU_WARNINGS -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers)

function(shequ_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(shequ_${name} STATIC ${ARG_SOURCES})
  add_library(shequ::${name} ALIAS shequ_${name})
  target_include_directories(shequ_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(shequ_${name} PRIVATE ${SHEQU_WARNINGS})
  target_link_libraries(shequ_${name} PUBLIC ${ARG_DEPS})
endfunction()

function(shequ_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${SHEQU_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${ARG_LABELS}"
    DISCOVERY_TIMEOUT 120
    DISCOVERY_MODE PRE_TEST)
endfunction()
