// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// Shared by key.cpp (PEM, secrets, generation, accessors) and keyjwk.cpp (JWK in and out); not installed.

#include "auth/key.h"
#include "auth/openssl_p.h"
#include "result.h"

#include <QCoreApplication>

#include <memory>

namespace quarry::auth {

struct Key::Data {
    detail::PkeyPtr pkey;
    QByteArray secret;
    Type type = Type::Oct;
    QString curve;
    int bits = 0;
    bool hasPrivate = false;
};

namespace detail {
struct KeyTr {
    Q_DECLARE_TR_FUNCTIONS(Key)
};

/// An Error of kind InvalidInput.
Error invalidKey(const QString &message, const QString &where = {});
/// Bytes of a coordinate or private scalar on `curve` ("P-256" -> 32); 0 for an unknown curve.
int curveBytes(const QString &curve);
/// A BIGNUM parameter of `pkey` as big-endian bytes, left-padded to `width` when given.
QByteArray bnParam(EVP_PKEY *pkey, const char *name, int width = 0);
QString b64(const QByteArray &bytes);
/// The Key::Data of a loaded key: its type, curve and size; refuses what JOSE cannot use.
Result<std::shared_ptr<Key::Data>> classify(PkeyPtr pkey, bool hasPrivate);
} // namespace detail

} // namespace quarry::auth
