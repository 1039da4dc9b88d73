# CPack NSIS settings: Start-menu entry, uninstaller (CPack's template), and the
# procore-desktop:// URL protocol. Included by cmake/ProcoreCPack.cmake, which the real Windows
# build and the Linux stand-in test (makensis) both use.
#
# The keys go to SHCTX, NSIS's "current context" root: CPack's template runs elevated and calls
# SetShellVarContext all for administrators, so SHCTX is HKLM\Software\Classes for a normal
# per-machine install (every user of the machine gets the scheme, and the uninstaller finds the
# keys whoever runs it) and HKCU\Software\Classes for a per-user install. Writing HKCU from an
# elevated per-machine installer would register only the account that typed the admin password.

set(CPACK_NSIS_PACKAGE_NAME "${PROCORE_APP_NAME}")
set(CPACK_NSIS_DISPLAY_NAME "${PROCORE_APP_NAME}")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_MUI_ICON "${PROCORE_INSTALLER_SOURCE_DIR}/windows/procore-desktop.ico")
set(CPACK_NSIS_MUI_UNIICON "${PROCORE_INSTALLER_SOURCE_DIR}/windows/procore-desktop.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\${PROCORE_APP_EXECUTABLE}.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${PROCORE_PACKAGE_MAINTAINER}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_COMPRESSOR "/SOLID lzma")
# No "run the app" finish page: it would start the app elevated, with the admin's keychain.

set(_procore_nsis_url_key "Software\\Classes\\${PROCORE_URL_SCHEME}")
set(_procore_nsis_exe "$INSTDIR\\bin\\${PROCORE_APP_EXECUTABLE}.exe")
string(CONFIGURE [=[
  WriteRegStr SHCTX "@_procore_nsis_url_key@" "" "URL:@PROCORE_APP_NAME@ link"
  WriteRegStr SHCTX "@_procore_nsis_url_key@" "URL Protocol" ""
  WriteRegStr SHCTX "@_procore_nsis_url_key@\DefaultIcon" "" '"@_procore_nsis_exe@",0'
  WriteRegStr SHCTX "@_procore_nsis_url_key@\shell\open\command" "" '"@_procore_nsis_exe@" -- "%1"'
]=] CPACK_NSIS_EXTRA_INSTALL_COMMANDS @ONLY)
string(CONFIGURE [=[
  DeleteRegKey SHCTX "@_procore_nsis_url_key@"
]=] CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS @ONLY)
unset(_procore_nsis_url_key)
unset(_procore_nsis_exe)
