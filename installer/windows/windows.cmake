# Windows layout (Qt's deploy defaults): bin\ holds both executables, the Qt DLLs and qt.conf;
# plugins\, resources\ and translations\ sit beside it. Packaged by CPack's NSIS generator.

install(TARGETS ${PROCORE_INSTALL_TARGETS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# windeployqt copies Qt's own DLLs only; QtKeychain's DLL comes from its imported target (the
# alias Qt6Keychain::Qt6Keychain cannot be installed, its target can).
get_target_property(_procore_keychain Qt6Keychain::Qt6Keychain ALIASED_TARGET)
if(NOT _procore_keychain)
    set(_procore_keychain Qt6Keychain::Qt6Keychain)
endif()
install(IMPORTED_RUNTIME_ARTIFACTS ${_procore_keychain} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
unset(_procore_keychain)

# Icon and version info in each executable: the Start-menu shortcut, the taskbar and the URL
# protocol's DefaultIcon all take the icon from the .exe.
foreach(target IN LISTS PROCORE_INSTALL_TARGETS)
    set(PROCORE_RC_TARGET ${target})
    set(PROCORE_RC_FILE_NAME ${target}.exe)
    set(PROCORE_RC_ICON ${PROCORE_INSTALLER_SOURCE_DIR}/windows/procore-desktop.ico)
    if(target STREQUAL PROCORE_LOGIN_EXECUTABLE)
        set(PROCORE_RC_DESCRIPTION "${PROCORE_APP_NAME} sign-in window")
    else()
        set(PROCORE_RC_DESCRIPTION "${PROCORE_APP_NAME}")
    endif()
    configure_file(${PROCORE_INSTALLER_SOURCE_DIR}/windows/procore-desktop.rc.in
                   ${PROCORE_INSTALLER_BINARY_DIR}/windows/${target}.rc @ONLY)
    target_sources(${target} PRIVATE ${PROCORE_INSTALLER_BINARY_DIR}/windows/${target}.rc)
endforeach()

# windeployqt at install time (so also inside cpack), through Qt 6.4's deploy API. Not
# qt_generate_deploy_app_script(): it takes one target, and the sign-in helper is the one that
# needs WebEngine (QtWebEngineProcess.exe, resources, locales) deployed.
install(SCRIPT ${PROCORE_DEPLOY_SCRIPT_WINDOWS})
