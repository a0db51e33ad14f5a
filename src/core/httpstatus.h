// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QString>

namespace quarry {

/// The standard reason phrases of HTTP status codes and a one-line explanation for learners.
class QUARRY_CORE_EXPORT HttpStatus
{
public:
    /// "Not Found"; for an unknown code, the class name ("Client Error").
    static QString reason(int status);
    /// "The server has no resource at this URL: check the path and the id in it."
    static QString meaning(int status);
};

} // namespace quarry
