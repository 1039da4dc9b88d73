#pragma once

#include "codestore.h"
#include "counters.h"
#include "dataset.h"
#include "emulatorconfig.h"
#include "faultinjector.h"
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
    QString loginBase; // http://127.0.0.1:<port>
    QString apiBase;

    // How long the next access token really lives: expires_in, unless expire-early says less.
    qint64 nextAccessLifetimeMs()
    {
        return faults.takeEarlyExpiry().value_or(qint64(config.expiresIn) * 1000);
    }
};
