# macOS layout: one procore-desktop.app bundle; the sign-in helper sits beside the main
# executable in Contents/MacOS (the app finds it next to itself). Packaged as a DragNDrop DMG.

set(icns ${PROCORE_INSTALLER_SOURCE_DIR}/macos/procore-desktop.icns)
set_target_properties(${PROCORE_APP_EXECUTABLE} PROPERTIES
        MACOSX_BUNDLE TRUE
        MACOSX_BUNDLE_INFO_PLIST ${PROCORE_INSTALLER_BINARY_DIR}/macos/Info.plist)
target_sources(${PROCORE_APP_EXECUTABLE} PRIVATE ${icns})
set_source_files_properties(${icns} TARGET_DIRECTORY ${PROCORE_APP_EXECUTABLE}
                            PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
install(TARGETS ${PROCORE_APP_EXECUTABLE} BUNDLE DESTINATION .)
install(TARGETS ${PROCORE_LOGIN_EXECUTABLE}
        RUNTIME DESTINATION ${PROCORE_APP_EXECUTABLE}.app/Contents/MacOS)

# macdeployqt at install time, with the helper as an extra executable so QtWebEngineCore's
# framework (and its QtWebEngineProcess helper app) land in the bundle.
install(SCRIPT ${PROCORE_DEPLOY_SCRIPT_MACOS})
