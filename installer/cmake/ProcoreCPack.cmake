# CPack settings for every installer; the generator is picked per platform (DEB, NSIS64,
# DragNDrop) and can be overridden with `cpack -G`. Shared with the Windows stand-in project
# the tests build, so it must not refer to targets unconditionally.
# Expects ProcoreAppIdentity.cmake, PROCORE_INSTALLER_SOURCE_DIR and
# PROCORE_INSTALLER_BINARY_DIR.

set(CPACK_PACKAGE_NAME "${PROCORE_APP_EXECUTABLE}")
set(CPACK_PACKAGE_VENDOR "${PROCORE_VENDOR}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROCORE_APP_SUMMARY}")
set(CPACK_PACKAGE_DESCRIPTION
    "A desktop client for the Procore Connect API for field staff: sign in once inside the app, \
see your Procore companies and projects at a glance, and open a project straight from a \
procore-desktop:// link. The session is kept in the system keychain.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "${PROCORE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "${PROCORE_APP_NAME}")
set(CPACK_PACKAGE_EXECUTABLES "${PROCORE_APP_EXECUTABLE}" "${PROCORE_APP_NAME}")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
# Values reach the generators exactly as written here (the NSIS commands hold quotes and $).
set(CPACK_VERBATIM_VARIABLES ON)

if(WIN32)
    set(CPACK_GENERATOR NSIS64)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
else()
    set(CPACK_GENERATOR DEB)
endif()

# --- Debian ---------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # procore-desktop_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PROCORE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# dpkg-shlibdeps fills Depends from the executables' libraries; Debian's symbols file for
# libQt6WebEngineCore also adds libqt6webenginecore6-bin (QtWebEngineProcess), which the sign-in
# window starts but links to nothing. The deb test checks both.
# Tokens need a Secret Service (or KWallet) daemon; Wayland sessions want Qt's Wayland plugin;
# "sign in with my browser" uses xdg-open outside GNOME and KDE.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | libkf5wallet-bin, qt6-wayland, xdg-utils")
# No postinst/postrm: desktop-file-utils (/usr/share/applications) and hicolor-icon-theme
# (/usr/share/icons/hicolor) hold dpkg file triggers that refresh the MIME cache and the icon
# cache whenever a package adds or removes files there. See installer/README.md.

# --- Windows (NSIS) -------------------------------------------------------------------------
include(${PROCORE_INSTALLER_SOURCE_DIR}/windows/nsis.cmake)

# --- macOS (DragNDrop) ----------------------------------------------------------------------
set(CPACK_DMG_VOLUME_NAME "${PROCORE_APP_NAME}")
set(CPACK_DMG_FORMAT UDZO)
set(PROCORE_MACOS_VOLUME_ICON "${PROCORE_INSTALLER_SOURCE_DIR}/macos/procore-desktop.icns")

# Settings that mean different things to different generators (CPACK_PACKAGE_ICON is the DMG's
# volume icon but the NSIS header bitmap) are chosen when cpack runs.
configure_file(${PROCORE_INSTALLER_SOURCE_DIR}/cmake/CPackProjectConfig.cmake.in
               ${PROCORE_INSTALLER_BINARY_DIR}/CPackProjectConfig.cmake @ONLY)
set(CPACK_PROJECT_CONFIG_FILE ${PROCORE_INSTALLER_BINARY_DIR}/CPackProjectConfig.cmake)

include(CPack)
