// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QString>

#include <mutex>
#include <random>

namespace quarry::mock {

/// Fake values for response templates from one seeded generator: the same seed and the same
/// sequence of requests give the same values. Thread-safe (one mutex; draws are tiny).
class QUARRY_CORE_EXPORT FakeData
{
public:
    explicit FakeData(quint64 seed = 1);
    void reseed(quint64 seed);

    QString firstName();
    QString lastName();
    QString name();                         ///< "Ada Lovelace"
    QString email();                        ///< "ada.lovelace42@example.com"
    QString uuid();                         ///< RFC 4122 version 4 layout
    qint64 integer(qint64 min, qint64 max); ///< inclusive
    QString date();                         ///< ISO date in 2020..2026
    QString lorem(int words = 8);
    bool boolean();
    double unit();                          ///< uniform in [0, 1)

private:
    std::uint64_t next(std::uint64_t bound);   ///< uniform in [0, bound)
    std::mutex m_mutex;
    std::mt19937_64 m_rng;
};

} // namespace quarry::mock
