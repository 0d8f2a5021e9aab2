# SPDX-License-Identifier: GPL-3.0-or-later
# One helper per target kind, as Qt Creator does.

if(STRATA_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

function(strata_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# strata_add_plugin(NAME <id> SOURCES ... LIBS ... METADATA <file.json>)
# A Qt plugin loaded by PluginManager; lands in the build tree's plugin folder
# (the same relative layout as the install prefix).
function(strata_add_plugin target)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    qt_add_plugin(${target} SHARED CLASS_NAME ${target})
    target_sources(${target} PRIVATE ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE ${ARG_LIBS})
    set_target_properties(${target} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY "${STRATA_PLUGIN_OUTPUT_DIR}"
        INSTALL_RPATH "$ORIGIN/../..")
    strata_warnings(${target})
    install(TARGETS ${target} LIBRARY DESTINATION ${STRATA_PLUGIN_RELDIR})
endfunction()

# strata_add_test(NAME tst_foo SOURCES ... LIBS ... [SERVERS] [GUI] [TIMEOUT s])
# SERVERS: needs the throwaway PostgreSQL/MariaDB servers (CTest fixture).
# GUI: runs on the offscreen platform.
function(strata_add_test name)
    cmake_parse_arguments(ARG "SERVERS;GUI" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/shared")
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
    target_compile_definitions(${name} PRIVATE
        STRATA_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        STRATA_BINARY_DIR="${PROJECT_BINARY_DIR}"
        STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
        STRATA_CORPORA_DIR="${PROJECT_SOURCE_DIR}/../shared/corpora")
    strata_warnings(${name})
    add_test(NAME ${name} COMMAND ${name})
    set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
    set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT "STRATA_PLUGIN_PATH=${STRATA_PLUGIN_OUTPUT_DIR}")
    set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT "XDG_DATA_HOME=${PROJECT_BINARY_DIR}/tests/xdg-data")
    set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT "XDG_CONFIG_HOME=${PROJECT_BINARY_DIR}/tests/xdg-config")
    if(STRATA_SANITIZE)
        set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT
            "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0"
            "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    endif()
    if(ARG_TIMEOUT)
        set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT})
    endif()
    if(ARG_SERVERS)
        strata_test_use_servers(${name})
    endif()
endfunction()

# strata_add_benchmark(NAME bench_foo SOURCES ... LIBS ...): built only with
# STRATA_BUILD_BENCHMARKS, never registered with CTest.
function(strata_add_benchmark name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/shared"
                                               "${PROJECT_SOURCE_DIR}/tests/bench/shared")
    target_compile_definitions(${name} PRIVATE STRATA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bench")
endfunction()
