// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QString>

#include <memory>
#include <mutex>
#include <random>

namespace quarry::mock {

class FakeLocale;

/// Fake values for response templates and generated rows from one seeded generator: the same
/// seed, locale and sequence of calls give the same values on every platform. Words, names,
/// places and formats come from the locale's data (FakeLocale: @faker-js/faker's, MIT).
/// Thread-safe (one mutex; draws are tiny).
class QUARRY_CORE_EXPORT FakeData
{
public:
    explicit FakeData(quint64 seed = 1, const QString &locale = QStringLiteral("en"));
    ~FakeData();
    void reseed(quint64 seed);
    /// False (and the locale unchanged) when Quarry has no data for `locale`.
    bool setLocale(const QString &locale);
    QString locale() const;

    // person
    QString firstName();
    QString lastName();
    QString name();                         ///< "Ada Lovelace", in the locale's name patterns
    QString jobTitle();                     ///< "Senior Data Engineer"
    // address
    QString streetAddress();                ///< "742 Evergreen Terrace" in the locale's order
    QString city();
    QString postcode();
    QString state();
    QString country();
    // phone, company, commerce
    QString phone();                        ///< in the locale's formats
    QString company();                      ///< "Hopper, Liskov and Wirth"
    QString catchPhrase();                  ///< "Ergonomic zero-defect framework"
    QString productName();                  ///< "Rustic Granite Chair"
    QString department();
    QString price(double min = 1, double max = 1000);   ///< "42.99"
    // internet
    QString email();                        ///< "ada.lovelace42@example.com" (never a real domain)
    QString userName();                     ///< "ada_lovelace42"
    QString url();                          ///< "https://www.lovelace.example"
    QString ipv4();
    QString imageUrl(int width = 640, int height = 480);   ///< a placeholder image of that size
    // dates and numbers
    QString uuid();                         ///< RFC 4122 version 4 layout
    qint64 integer(qint64 min, qint64 max); ///< inclusive
    double number(double min, double max, int decimals = 2);
    QString date();                         ///< ISO date in 2020..2026
    QString dateTime();                     ///< ISO date and time (UTC) in 2020..2026
    QString month();
    QString weekday();
    // text
    QString word();
    QString lorem(int words = 8);           ///< a sentence of that many words
    QString paragraph(int sentences = 3);
    bool boolean();
    double unit();                          ///< uniform in [0, 1)

    /// Uniform in [0, bound) (bound 0: any 64-bit value); what every value above is drawn from.
    std::uint64_t next(std::uint64_t bound);

private:
    QString pick(const QString &path);
    QString ascii(const QString &text) const;   ///< for e-mail and user names

    mutable std::mutex m_mutex;
    std::mt19937_64 m_rng;
    std::shared_ptr<const FakeLocale> m_locale;
};

} // namespace quarry::mock
