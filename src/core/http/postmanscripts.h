// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/scripts.h"

#include <QJsonArray>
#include <QString>

namespace quarry::http {

/// Scripts in a Postman item's `event` list. The user's scripts travel as their own events;
/// the ones Quarry writes for its checks and login profiles carry marker comments and are told apart.
class PostmanScripts
{
public:
    /// The user's pre-request and test scripts (several events of one kind are joined in order).
    static Scripts user(const QJsonArray &events);
    /// The text of Quarry's generated events of this kind ("test" or "prerequest"), for their markers.
    static QString generated(const QJsonArray &events, const QString &listen);
    /// Appends the scripts as `{listen, script:{type, exec:[lines]}}` events.
    static void append(QJsonArray &events, const Scripts &scripts);
    static bool isGenerated(const QString &script);

    /// Marker comments that carry Quarry's own settings through a Postman file, so that an
    /// exported collection imports back without loss; Postman and newman ignore them.
    static const QString AssertionsMarker;   ///< a test script's checks, as JSON
    static const QString ExtractMarker;      ///< a test script's extractions, as JSON
    static const QString AuthMarker;         ///< a description's auth settings, as JSON
};

} // namespace quarry::http
