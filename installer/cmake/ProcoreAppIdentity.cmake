# One place for the names every installer uses. Included by installer/CMakeLists.txt and by the
# Windows stand-in project the tests build (tests/installer/nsis-standin), so both agree.
# Expects PROJECT_VERSION and PROJECT_HOMEPAGE_URL (the caller's project()).

# Reverse-DNS id we control: desktop file name, AppStream id, icon name, macOS bundle id.
set(PROCORE_APP_ID "io.github.procoredesktop.ProcoreDesktop")
set(PROCORE_APP_NAME "Procore Desktop")
set(PROCORE_APP_SUMMARY "See your Procore companies and projects and open them from links")
set(PROCORE_APP_EXECUTABLE "procore-desktop")
set(PROCORE_LOGIN_EXECUTABLE "procore-desktop-login")
set(PROCORE_URL_SCHEME "procore-desktop")
set(PROCORE_VENDOR "Procore Desktop contributors")
# Debian's Maintainer field; a release build passes the real contact with -D.
set(PROCORE_PACKAGE_MAINTAINER "Procore Desktop maintainers <maintainers@procoredesktop.invalid>"
    CACHE STRING "Name <email> for the Maintainer field of the .deb and the installers' contact")
# Date of PROJECT_VERSION's release for the AppStream <release>; bump together with the version
# in the top-level project() so the metainfo stays reproducible (no configure-time clock).
set(PROCORE_RELEASE_DATE "2026-11-28")
