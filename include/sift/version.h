// SPDX-License-Identifier: GPL-2.0-or-later
// Library version, for run-time checks against the headers compiled in.
#pragma once

#include <string_view>

#include "sift/export.h"

namespace sift {

/// The version of the linked library, "MAJOR.MINOR.PATCH".
SIFT_EXPORT std::string_view version() noexcept;

}  // namespace sift
