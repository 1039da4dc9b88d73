#pragma once

#include "httpresponse.h"

struct EmulatorContext;
struct HttpRequest;

// The storage host that Procore's file links redirect to (think S3): GET and HEAD of
// /blobs/{revision}.pdf?expires=&signature=, no Bearer token expected and every Authorization
// header counted as a leak. Answers carry ETag (the MD5 of the file, as S3 gives for a
// single-part upload), Accept-Ranges and Last-Modified; a Range of one byte span answers 206.
// An expired or forged signature gets 403 with S3's XML error.
class StorageEndpoints final
{
public:
    explicit StorageEndpoints(EmulatorContext &context)
        : m_context(context)
    {}
    HttpResponse handle(const HttpRequest &request);

private:
    EmulatorContext &m_context;
};
