# SPDX-License-Identifier: GPL-3.0-or-later
#
# Throwaway PostgreSQL and MariaDB servers for the tests, as a CTest fixture.
#
#   strata_servers_start   runs `scripts/lib/servers.sh start --fixture`   (FIXTURES_SETUP StrataServers)
#   strata_servers_stop    runs `scripts/lib/servers.sh stop --if-fixture` (FIXTURES_CLEANUP StrataServers)
#
# Servers that were already running before ctest started (e.g. `scripts/lib/servers.sh start` by
# hand) are reused and left running afterwards.
#
#   strata_test_use_servers(<test> [RUN_SERIAL])
#
# makes <test> require the fixture and gives it the STRATA_TEST_* environment that
# tests/shared/testservers.h reads. RUN_SERIAL is for tests that restart a server (restartServer()),
# so that no other test loses its connections meanwhile.

include_guard(GLOBAL)

set(STRATA_TEST_PG_PORT 54329 CACHE STRING "TCP port of the throwaway PostgreSQL test server")
set(STRATA_TEST_MYSQL_PORT 33069 CACHE STRING "TCP port of the throwaway MariaDB test server")
set(STRATA_TEST_STATE "/tmp/strata-test-servers" CACHE PATH
    "State directory (data, sockets, TLS files, logs) of the throwaway test servers")

set(STRATA_TEST_SERVERS_SCRIPT "${PROJECT_SOURCE_DIR}/scripts/lib/servers.sh")
find_program(STRATA_BASH_EXECUTABLE bash)
if(STRATA_BASH_EXECUTABLE)
    # Run through bash so the script works even if a checkout lost its executable bit.
    set(_strata_servers_cmd "${STRATA_BASH_EXECUTABLE}" "${STRATA_TEST_SERVERS_SCRIPT}")
else()
    set(_strata_servers_cmd "${STRATA_TEST_SERVERS_SCRIPT}")
endif()

set(_strata_servers_env
    "STRATA_TEST_STATE=${STRATA_TEST_STATE}"
    "STRATA_TEST_PG_PORT=${STRATA_TEST_PG_PORT}"
    "STRATA_TEST_MYSQL_PORT=${STRATA_TEST_MYSQL_PORT}")

# A global property, so strata_test_use_servers() works from any directory.
set_property(GLOBAL PROPERTY STRATA_TEST_SERVER_ENVIRONMENT
    ${_strata_servers_env}
    "STRATA_TEST_PG_URL=postgresql://strata@127.0.0.1:${STRATA_TEST_PG_PORT}/strata_test"
    "STRATA_TEST_MYSQL_URL=mysql://strata@127.0.0.1:${STRATA_TEST_MYSQL_PORT}/strata_test"
    "STRATA_TEST_PASSWORD=strata-test-pw"
    "STRATA_TEST_TLS_CA=${STRATA_TEST_STATE}/tls/ca.pem"
    "STRATA_TEST_SERVERS=${STRATA_TEST_SERVERS_SCRIPT}"
    "STRATA_TEST_PG_SOCKET_DIR=${STRATA_TEST_STATE}/pgsock"
    "STRATA_TEST_MYSQL_SOCKET=${STRATA_TEST_STATE}/mysql.sock")

add_test(NAME strata_servers_start COMMAND ${_strata_servers_cmd} start --fixture)
set_tests_properties(strata_servers_start PROPERTIES
    FIXTURES_SETUP StrataServers
    TIMEOUT 300
    LABELS "servers")
set_property(TEST strata_servers_start APPEND PROPERTY ENVIRONMENT ${_strata_servers_env})

add_test(NAME strata_servers_stop COMMAND ${_strata_servers_cmd} stop --if-fixture)
set_tests_properties(strata_servers_stop PROPERTIES
    FIXTURES_CLEANUP StrataServers
    TIMEOUT 180
    LABELS "servers")
set_property(TEST strata_servers_stop APPEND PROPERTY ENVIRONMENT ${_strata_servers_env})

function(strata_test_use_servers test)
    cmake_parse_arguments(ARG "RUN_SERIAL" "" "" ${ARGN})
    set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED StrataServers)
    get_property(env GLOBAL PROPERTY STRATA_TEST_SERVER_ENVIRONMENT)
    set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT ${env})
    set_property(TEST ${test} APPEND PROPERTY LABELS "servers")
    if(ARG_RUN_SERIAL)
        set_property(TEST ${test} PROPERTY RUN_SERIAL TRUE)
    endif()
endfunction()
