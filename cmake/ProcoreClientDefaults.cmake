# A build's OAuth client defaults. Settings and the PROCORE_CLIENT_ID / PROCORE_CLIENT_SECRET /
# PROCORE_REDIRECT_URI environment variables override them at run time. The defaults match the
# bundled emulator so a plain build signs in against it out of the box.
set(PROCORE_CLIENT_ID "procore-desktop-demo" CACHE STRING "OAuth client ID of this build")
set(PROCORE_CLIENT_SECRET "demo-secret-not-secret" CACHE STRING
    "OAuth client secret of this build (a secret shipped in a desktop app is not truly secret)")
set(PROCORE_REDIRECT_URI "http://127.0.0.1:8765/callback" CACHE STRING
    "Redirect URI registered for this build's app in Procore's Developer Portal")
set(PROCORE_DEFAULT_ENVIRONMENT "production" CACHE STRING
    "Environment used when neither settings nor the command line pick one")
