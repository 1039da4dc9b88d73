# The one way a test is declared (issue 13): every ctest of the project goes through
# procore_add_test, so labels, timeouts and how a suite is started are decided in one place.
#
# procore_add_test(<name>
#     [SOURCES <files…>]        # default <name>.cpp; builds an executable named <name>
#     [LIBS <targets…>]         # linked privately, with Qt6::Test
#     [DEFINES <defs…>]         # private compile definitions (generator expressions welcome)
#     [DEPENDS <targets…>]      # built first (executables the suite starts)
#     [COMMAND <cmd…>]          # run this instead of building an executable (scripts)
#     [ARGS <args…>]            # appended to the command line of the suite's executable
#     LABELS <labels…>          # at least one; "ui" gives the suite an X display of its own
#     [TIMEOUT <s>]             # default 120
#     [PRIVATE_SESSION]         # own HOME, D-Bus session and keyring, and no display at all
#     [FIXTURES_REQUIRED <f…>] [FIXTURES_SETUP <f…>] [FIXTURES_CLEANUP <f…>]
#     [RESOURCE_LOCK <r…>])
#
# Why "ui" means an own display: window activation is per X display. Two suites showing windows
# on one shared Xvfb take the keyboard focus from each other (CI saw qWaitForWindowActive fail
# in tst_loginview while the sign-in helper of tst_loginviewlauncher activated its window).
set(PROCORE_SCREENSHOT_DIR ${CMAKE_BINARY_DIR}/screenshots)
set(PROCORE_OWN_DISPLAY bash ${PROJECT_SOURCE_DIR}/scripts/own-display.sh)
# Without DISPLAY that session's bus cannot show gnome-keyring's unlock prompt on the outer
# display, so a locked keyring refuses at once instead of waiting for a person.
set(PROCORE_PRIVATE_SESSION env -u PROCORE_TEST_SESSION_INNER -u DISPLAY -u WAYLAND_DISPLAY bash
                            ${PROJECT_SOURCE_DIR}/scripts/test-session.sh)

function(procore_add_test name)
    cmake_parse_arguments(arg "PRIVATE_SESSION" "TIMEOUT"
        "SOURCES;LIBS;DEFINES;DEPENDS;COMMAND;ARGS;LABELS;FIXTURES_REQUIRED;FIXTURES_SETUP;FIXTURES_CLEANUP;RESOURCE_LOCK"
        ${ARGN})
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "procore_add_test(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_LABELS)
        message(FATAL_ERROR "procore_add_test(${name}): every test needs LABELS")
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()

    if(arg_COMMAND)
        set(command ${arg_COMMAND})
    else()
        if(NOT arg_SOURCES)
            set(arg_SOURCES ${name}.cpp)
        endif()
        add_executable(${name} ${arg_SOURCES})
        procore_target_defaults(${name})
        target_link_libraries(${name} PRIVATE ${arg_LIBS} Qt6::Test)
        target_compile_definitions(${name} PRIVATE
            PROCORE_SCREENSHOT_DIR="${PROCORE_SCREENSHOT_DIR}" ${arg_DEFINES})
        set(command $<TARGET_FILE:${name}> ${arg_ARGS})
    endif()
    if(arg_DEPENDS AND arg_COMMAND)
        message(FATAL_ERROR "procore_add_test(${name}): DEPENDS needs an executable suite")
    elseif(arg_DEPENDS)
        add_dependencies(${name} ${arg_DEPENDS})
    endif()

    if(arg_PRIVATE_SESSION)
        set(command ${PROCORE_PRIVATE_SESSION} ${command})
    elseif("ui" IN_LIST arg_LABELS)
        set(command ${PROCORE_OWN_DISPLAY} ${command})
    endif()
    add_test(NAME ${name} COMMAND ${command})
    set_tests_properties(${name} PROPERTIES LABELS "${arg_LABELS}" TIMEOUT ${arg_TIMEOUT})
    foreach(property FIXTURES_REQUIRED FIXTURES_SETUP FIXTURES_CLEANUP RESOURCE_LOCK)
        if(arg_${property})
            set_tests_properties(${name} PROPERTIES ${property} "${arg_${property}}")
        endif()
    endforeach()
endfunction()
