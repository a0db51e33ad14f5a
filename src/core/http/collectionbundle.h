// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/collection.h"
#include "http/environment.h"

#include <QList>

namespace quarry::http {

/// What a peer's export holds together: one collection and the environments that go with it
/// (Insomnia's base and sub environments, Bruno's environments folder).
struct CollectionBundle {
    Collection collection;
    QList<Environment> environments;
};

} // namespace quarry::http
