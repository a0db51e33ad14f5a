// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/response.h"

#include <QImage>
#include <QJsonValue>
#include <QString>

namespace quarry::app {

/// What ResponseView shows of a body, prepared in one go so that it can run on a worker thread:
/// the JSON the core parsed, its indented text, the raw text (or a hex dump), and a decoded image.
struct RenderedBody {
    bool isJson = false;
    QJsonValue json;            ///< when isJson
    QString jsonError;          ///< a JSON content type whose body does not parse: why, and where
    QString pretty;             ///< indented JSON; the raw text when the body is not JSON
    qsizetype prettyLines = 0;
    bool prettyPending = false; ///< JSON whose indented text addPretty() has yet to make
    QString raw;                ///< UTF-8 text, or a hex dump when the bytes are binary
    qsizetype rawLines = 0;
    bool rawIsHexDump = false;
    qsizetype hexDumpBytes = 0; ///< bytes the hex dump covers (it stops at hexDumpLimit)
    bool isImage = false;       ///< an image/* content type
    QImage image;               ///< null if the image could not be decoded
    QString imageFormat;        ///< "PNG", "SVG", ...
    QSize imageSize;            ///< intrinsic size (an SVG's view box size)
    QString imageError;

    /// Hex dumps cover at most this many bytes (16 lines of text per 256 bytes grow fast).
    static constexpr qsizetype hexDumpLimit = 16 * 1024 * 1024;

    /// Thread-safe: touches only its argument (a copy), so it may run on any thread. With
    /// `withPretty` false a JSON body is parsed but not indented (prettyPending); addPretty() with
    /// the same response does that part later, so that the tree can be shown first.
    static RenderedBody render(const http::Response &response, bool withPretty = true);
    static void addPretty(RenderedBody &body, const http::Response &response);
};

} // namespace quarry::app
