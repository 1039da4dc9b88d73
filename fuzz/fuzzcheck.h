#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

// A property a fuzz target insists on beyond "does not crash". A violation aborts, so libFuzzer
// reports it like a crash and keeps the input, and the corpus replay test fails on it.
inline void fuzzCheck(bool holds, const char *property, const QString &detail = {})
{
    if (holds)
        return;
    std::fprintf(stderr, "fuzz property violated: %s\n%s\n", property,
                 detail.toUtf8().left(2000).constData());
    std::fflush(stderr);
    std::abort();
}
