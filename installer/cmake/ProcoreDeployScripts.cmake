# Install-time Qt deployment scripts (windeployqt / macdeployqt via Qt 6.4's
# qt_deploy_runtime_dependencies). Both are generated on every platform so the tests can read
# them; windows.cmake and macos.cmake install the one for their platform.
# Sets PROCORE_DEPLOY_SCRIPT_WINDOWS and PROCORE_DEPLOY_SCRIPT_MACOS.

# QT_DEPLOY_SUPPORT names one file per configuration with multi-config generators (Visual
# Studio, Xcode), so the scripts do too; install(SCRIPT) and add_test() take the genex.
get_cmake_property(_multi_config GENERATOR_IS_MULTI_CONFIG)
set(_suffix "")
if(_multi_config)
    set(_suffix "-$<CONFIG>")
endif()
set(PROCORE_DEPLOY_SCRIPT_WINDOWS ${PROCORE_INSTALLER_BINARY_DIR}/deploy-qt-windows${_suffix}.cmake)
set(PROCORE_DEPLOY_SCRIPT_MACOS ${PROCORE_INSTALLER_BINARY_DIR}/deploy-qt-macos${_suffix}.cmake)
unset(_suffix)
unset(_multi_config)

set(_win_extra
    "    ADDITIONAL_EXECUTABLES \"\${QT_DEPLOY_BIN_DIR}/${PROCORE_LOGIN_EXECUTABLE}.exe\"\n")
set(_mac_extra "    ADDITIONAL_EXECUTABLES \"${PROCORE_APP_EXECUTABLE}.app/Contents/MacOS/${PROCORE_LOGIN_EXECUTABLE}\"\n")

# Paths are relative to the install prefix (QT_DEPLOY_PREFIX, which honours DESTDIR and cpack's
# staging directory). On Windows qt.conf goes next to the executables and points one level up
# for plugins\ and resources\.
file(GENERATE OUTPUT ${PROCORE_DEPLOY_SCRIPT_WINDOWS} CONTENT
"include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/${PROCORE_APP_EXECUTABLE}.exe\"
${_win_extra}    GENERATE_QT_CONF
)
")
file(GENERATE OUTPUT ${PROCORE_DEPLOY_SCRIPT_MACOS} CONTENT
"include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${PROCORE_APP_EXECUTABLE}.app\"
${_mac_extra}    NO_APP_STORE_COMPLIANCE
)
")
unset(_win_extra)
unset(_mac_extra)
