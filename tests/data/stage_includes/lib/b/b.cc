// SPDX-License-Identifier: GPL-2.0-or-later
// Includes only what its stage declares.
#include "b/b.h"

#include <nlohmann/json.hpp>

#include "xapian.h"
