#pragma once

#include "codestore.h"
#include "counters.h"
#include "dataset.h"
#include "drawingcatalog.h"
#include "emulatorconfig.h"
#include "faultinjector.h"
#include "linksigner.h"
#include "ratelimiter.h"
#include "sessionstore.h"
#include "tokenregistry.h"

#include <QString>

// The emulator's whole state, shared by its endpoint classes (one event loop thread, no locks).
struct EmulatorContext
{
    EmulatorConfig config;
    Dataset data;
    TokenRegistry tokens;
    CodeStore codes;
    SessionStore sessions;
    Counters counters;
    FaultInjector faults;
    RateLimiter rateLimiter;
    DrawingCatalog drawings;
    LinkSigner links;
    QString loginBase; // http://127.0.0.1:<port>
    QString apiBase;
    QString storageBase; // the storage host file links redirect to

    // How long the next access token really lives: expires_in, unless expire-early says less.
    qint64 nextAccessLifetimeMs()
    {
        return faults.takeEarlyExpiry().value_or(qint64(config.expiresIn) * 1000);
    }
};
