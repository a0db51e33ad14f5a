// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "httpstatus.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HttpStatus)
};

struct Entry {
    int code;
    const char *reason;
    const char *meaning;
};

// The codes a learner meets in REST work; the meaning says what to do about it.
constexpr Entry Table[] = {
    {100, "Continue", "The server accepted the headers; the client may send the body."},
    {101, "Switching Protocols", "The server switches to the protocol the client asked for (e.g. WebSocket)."},
    {200, "OK", "The request worked; the body holds the result."},
    {201, "Created", "A new resource was created; the Location header often says where."},
    {202, "Accepted", "The server queued the work; it is not finished yet."},
    {204, "No Content", "The request worked and there is deliberately no body."},
    {206, "Partial Content", "Only the requested byte range of the resource is in the body."},
    {301, "Moved Permanently", "The resource has a new permanent URL (in Location); update your links."},
    {302, "Found", "The resource is temporarily at another URL (in Location)."},
    {303, "See Other", "Fetch the result with GET from the URL in Location (common after a POST)."},
    {304, "Not Modified", "Your cached copy is still current; no body is sent."},
    {307, "Temporary Redirect", "Repeat the same request, same method and body, at the URL in Location."},
    {308, "Permanent Redirect", "Like 301, but the method and body must stay the same."},
    {400, "Bad Request", "The server could not understand the request: check the body, its JSON and the parameters."},
    {401, "Unauthorized", "Authentication is missing or invalid (no token, an expired or a revoked one): log in again."},
    {402, "Payment Required", "Reserved; some APIs use it for exhausted quotas or unpaid plans."},
    {403, "Forbidden", "You are authenticated but not allowed to do this (a missing role or scope)."},
    {404, "Not Found", "The server has no resource at this URL: check the path and the id in it."},
    {405, "Method Not Allowed", "The URL exists but not with this method; the Allow header lists the valid ones."},
    {406, "Not Acceptable", "The server cannot produce a format the Accept header asks for."},
    {408, "Request Timeout", "The server gave up waiting for the complete request."},
    {409, "Conflict", "The request conflicts with the current state, e.g. a duplicate unique value."},
    {410, "Gone", "The resource existed but was removed for good."},
    {411, "Length Required", "The server needs a Content-Length header."},
    {412, "Precondition Failed", "A condition header (If-Match, If-Unmodified-Since) did not hold."},
    {413, "Content Too Large", "The body is bigger than the server accepts."},
    {414, "URI Too Long", "The URL is longer than the server accepts; move data into the body."},
    {415, "Unsupported Media Type", "The server does not accept this Content-Type for the body."},
    {418, "I'm a teapot", "An April-fools code (RFC 2324); some servers use it as a joke refusal."},
    {422, "Unprocessable Content", "The body is well-formed but fails validation: read the error details."},
    {425, "Too Early", "The server will not process a request that might be replayed."},
    {428, "Precondition Required", "The server wants a conditional request (If-Match) to avoid lost updates."},
    {429, "Too Many Requests", "Rate limited: wait (see Retry-After) before sending again."},
    {431, "Request Header Fields Too Large", "The headers (often cookies or a big token) are too large."},
    {451, "Unavailable For Legal Reasons", "The resource is blocked for legal reasons."},
    {500, "Internal Server Error", "The server failed while handling the request: look at the server's log."},
    {501, "Not Implemented", "The server does not support this method or feature at all."},
    {502, "Bad Gateway", "A proxy or gateway got an invalid answer from the server behind it."},
    {503, "Service Unavailable", "The server is overloaded or down for maintenance; try again later."},
    {504, "Gateway Timeout", "A proxy or gateway waited too long for the server behind it."},
    {505, "HTTP Version Not Supported", "The server does not support the HTTP version used."},
};

const Entry *find(int status)
{
    for (const Entry &e : Table) {
        if (e.code == status)
            return &e;
    }
    return nullptr;
}
} // namespace

QString HttpStatus::reason(int status)
{
    if (const Entry *e = find(status))
        return QString::fromLatin1(e->reason);
    switch (status / 100) {
    case 1: return Tr::tr("Informational");
    case 2: return Tr::tr("Success");
    case 3: return Tr::tr("Redirection");
    case 4: return Tr::tr("Client Error");
    case 5: return Tr::tr("Server Error");
    default: return Tr::tr("Unknown");
    }
}

QString HttpStatus::meaning(int status)
{
    if (const Entry *e = find(status))
        return Tr::tr(e->meaning);
    switch (status / 100) {
    case 1: return Tr::tr("An interim answer; the final one follows.");
    case 2: return Tr::tr("The request worked.");
    case 3: return Tr::tr("The resource is elsewhere or unchanged; see the Location header.");
    case 4: return Tr::tr("The server thinks the request is wrong; change the request, not the server.");
    case 5: return Tr::tr("The server failed; the request may be fine.");
    default: return Tr::tr("Not a standard HTTP status code.");
    }
}

} // namespace quarry
