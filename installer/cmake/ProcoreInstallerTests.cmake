# ctest checks for the installers, label "installer"; the scripts are in tests/installer/.
# Registered here rather than from tests/ because they need this directory's variables.

find_package(Python3 COMPONENTS Interpreter QUIET)
set(_python ${Python3_EXECUTABLE})
if(NOT _python)
    set(_python python3) # the test then fails with "not found", it is not skipped
endif()
set(_tests ${PROJECT_SOURCE_DIR}/tests/installer)
set(_has_login 1) # the sign-in helper is always packaged; the scripts check it is there

procore_add_test(installer_linux_metadata
    COMMAND bash ${_tests}/check_linux_metadata.sh
        ${PROCORE_INSTALLER_BINARY_DIR}/linux/${PROCORE_APP_ID}.desktop
        ${PROCORE_INSTALLER_BINARY_DIR}/linux/${PROCORE_APP_ID}.metainfo.xml
        ${PROCORE_APP_ID} ${PROJECT_VERSION} ${PROCORE_URL_SCHEME} ${PROCORE_ICON_DIR}
    LABELS installer TIMEOUT 60)

procore_add_test(installer_macos_bundle
    COMMAND ${_python} ${_tests}/check_macos_bundle.py
        ${PROCORE_INSTALLER_BINARY_DIR}/macos/Info.plist
        ${PROCORE_INSTALLER_SOURCE_DIR}/macos/${PROCORE_MACOS_ICON}
        ${PROCORE_APP_ID} ${PROJECT_VERSION} ${PROCORE_URL_SCHEME}
        ${PROCORE_DEPLOY_SCRIPT_MACOS} ${_has_login}
    LABELS installer TIMEOUT 60)

procore_add_test(installer_icons_current
    COMMAND ${_python} ${PROCORE_INSTALLER_SOURCE_DIR}/tools/make-icons.py ${PROCORE_ICON_DIR}
        ${PROCORE_INSTALLER_SOURCE_DIR}/windows/procore-desktop.ico
        ${PROCORE_INSTALLER_SOURCE_DIR}/macos/procore-desktop.icns --check
    LABELS installer TIMEOUT 60)

procore_add_test(installer_windows_nsis
    COMMAND ${_python} ${_tests}/check_windows_nsis.py ${PROJECT_SOURCE_DIR}
        ${PROCORE_INSTALLER_BINARY_DIR}/nsis-test ${PROJECT_VERSION} ${PROJECT_HOMEPAGE_URL}
        ${PROCORE_DEPLOY_SCRIPT_WINDOWS} ${_has_login}
    LABELS installer TIMEOUT 60)

# The GitHub Actions workflow, which cannot run here: parsed and checked (see the script), and
# broken copies of it refused, so the check is known to be able to fail.
procore_add_test(installer_ci_workflow
    COMMAND ${_python} ${_tests}/check_ci_workflow.py ${PROJECT_SOURCE_DIR}
        ${PROJECT_SOURCE_DIR}/.github/workflows/desktop.yml --self-test
    LABELS installer ci TIMEOUT 60)

# apt and dpkg allow one run at a time (RESOURCE_LOCK apt); cpack + apt-get install take well
# under a minute on 2 cores, the rest of installer_deb's timeout is headroom for a busy machine.
procore_add_test(installer_deb
    COMMAND bash ${_tests}/check_deb.sh ${CMAKE_BINARY_DIR} ${PROCORE_INSTALLER_BINARY_DIR}/deb-test
        ${PROJECT_VERSION} ${PROCORE_APP_ID} ${PROCORE_URL_SCHEME} ${_has_login}
    LABELS installer deb TIMEOUT 300 RESOURCE_LOCK apt)

if(WIN32 OR APPLE)
    # The DEB test is for Linux; the Linux-only tools are not there.
    set_tests_properties(installer_deb installer_linux_metadata PROPERTIES DISABLED TRUE)
endif()
unset(_python)
unset(_tests)
unset(_has_login)
