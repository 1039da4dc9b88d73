# Linux (FHS) layout: executables in bin/, desktop integration under share/. Packaged by CPack's
# DEB generator into /usr.

install(TARGETS ${PROCORE_INSTALL_TARGETS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${PROCORE_INSTALLER_BINARY_DIR}/linux/${PROCORE_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROCORE_INSTALLER_BINARY_DIR}/linux/${PROCORE_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# Icons are named after the app id, as the desktop file's Icon= and AppStream expect.
install(FILES ${PROCORE_ICON_DIR}/procore-desktop.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${PROCORE_APP_ID}.svg)
foreach(size IN LISTS PROCORE_ICON_SIZES)
    install(FILES ${PROCORE_ICON_DIR}/procore-desktop-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME ${PROCORE_APP_ID}.png)
endforeach()

# Qt's standard project setup gives executables an install RPATH of $ORIGIN:$ORIGIN/../lib;
# everything of ours is linked statically and Qt comes from the system, so packaged binaries
# need none (and Debian's lintian rejects one in /usr/bin).
set_target_properties(${PROCORE_INSTALL_TARGETS} PROPERTIES INSTALL_RPATH "")
