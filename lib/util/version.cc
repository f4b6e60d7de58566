// SPDX-License-Identifier: GPL-2.0-or-later
#include "sift/version.h"

namespace sift {

std::string_view version() noexcept {
  return SIFT_VERSION_STRING;
}

}  // namespace sift
