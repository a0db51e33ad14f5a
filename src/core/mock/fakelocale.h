// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace quarry::mock {

/// One locale's fake-data definitions: a compact subset of @faker-js/faker's locale data (MIT;
/// resources/fakedata/, extracted by scripts/extract-fakedata.js), loaded once from the core's
/// resources and shared, read-only, by every FakeData of that locale.
///
/// Definitions are lists ("person.first_name", "location.city_name") or patterns in faker's
/// notation: "{{person.last_name.generic}} {{company.legal_entity_type}}", "(!##) !##-####"
/// ('#' any digit, '!' 2-9).
class QUARRY_CORE_EXPORT FakeLocale
{
public:
    /// "en", "de", "fr", "es", "it", "nl", "pt_BR", "pl", "sv", "en_GB", "ja"; "de-DE" and "de_DE" find "de".
    /// Null for a locale Quarry has no data for.
    static std::shared_ptr<const FakeLocale> named(const QString &locale);
    static QStringList available();

    QString id() const { return m_id; }
    QString title() const { return m_data.value(QStringLiteral("title")).toString(); }

    /// One entry of the definition at `path` ("person.first_name", "commerce.product_name.material"),
    /// drawn with `draw(n)` (uniform in [0, n)), its patterns expanded. A definition that is an
    /// object of variants ({generic, female, male}) draws from "generic" (else the first); weighted
    /// entries ({value, weight}) by weight. Empty when the locale has no such definition.
    QString pick(const QString &path, const std::function<quint64(quint64)> &draw) const;
    /// Expands `{{section.key}}` references (faker's camelCase method names too) and, with
    /// `digits`, '#' and '!' placeholders.
    QString expand(const QString &pattern, const std::function<quint64(quint64)> &draw, bool digits = false,
                   int depth = 0) const;

private:
    explicit FakeLocale(QString id, QJsonObject data) : m_id(std::move(id)), m_data(std::move(data)) {}
    QJsonValue definition(const QString &path) const;
    QString pickAt(const QString &path, const std::function<quint64(quint64)> &draw, int depth) const;

    QString m_id;
    QJsonObject m_data;
};

} // namespace quarry::mock
