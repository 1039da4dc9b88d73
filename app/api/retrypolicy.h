#pragma once

// How hard ApiClient tries before it reports an error. The defaults suit people; tests shrink
// the delays.
struct RetryPolicy
{
    // 5xx (other than 503 with Retry-After) and dropped connections: retries after an
    // exponential back-off with jitter, base * 2^n, each wait drawn from [half, full].
    int maxRetries = 3;
    int baseDelayMs = 500;
    int maxDelayMs = 8000;
    // A request that timed out is tried again this often (each try may take the full timeout).
    int maxTimeoutRetries = 1;
    // 429 and 503 with Retry-After / X-Rate-Limit-Reset: waits of up to maxWaitMs, at most
    // maxWaits times. A server asking for a longer wait gets an error straight away that says
    // when to try again, instead of a frozen app.
    int maxWaits = 5;
    int maxWaitMs = 60000;
    // Redirects are followed only within the API host, at most this often.
    int maxRedirects = 5;
};
