#pragma once

#include "httpresponse.h"

struct EmulatorContext;
struct HttpRequest;

// /_emulator/ on the API server, for tests: counters, faults, token expiry and revocation,
// settings and a summary of the data. Only reachable with --control.
class ControlEndpoints final
{
public:
    explicit ControlEndpoints(EmulatorContext &context)
        : m_context(context)
    {}
    HttpResponse handle(const HttpRequest &request);

private:
    HttpResponse addFault(const HttpRequest &request);
    HttpResponse configure(const HttpRequest &request);
    HttpResponse data() const;
    HttpResponse reviseDrawings(const HttpRequest &request);
    HttpResponse faults() const;

    EmulatorContext &m_context;
};
