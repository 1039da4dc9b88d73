#pragma once

#include "httpresponse.h"

// What EmulatorServer does with an answer: send it, cut it, or hold it back.
struct Delivery
{
    enum class Mode {
        Normal,
        Drop,  // headers with the full Content-Length, half the body, then the connection closes
        Stall, // headers only; the body never comes and the connection stays open
    };
    HttpResponse response;
    Mode mode = Mode::Normal;
    int delayMs = 0;
};
