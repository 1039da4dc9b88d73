#pragma once

#include "delivery.h"
#include "httprequest.h"

// Turns a request into what EmulatorServer sends back; Emulator implements it.
class RequestDispatcher
{
public:
    virtual ~RequestDispatcher() = default;
    virtual Delivery dispatch(const HttpRequest &request) = 0;
};
