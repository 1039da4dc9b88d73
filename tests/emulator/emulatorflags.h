#pragma once

#include "emulatorconfig.h"

#include <QStringList>

// Reads the emulator's flags into an EmulatorConfig (QCommandLineParser; --help lists them).
class EmulatorFlags final
{
public:
    enum class Result { Run, Exit, Error };
    // On Exit (--help, --version) or Error, *message holds what to print.
    static Result parse(const QStringList &arguments, EmulatorConfig *config, QString *message);
};
