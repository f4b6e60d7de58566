// SPDX-License-Identifier: GPL-2.0-or-later
// A header that includes a library its stage declares PUBLIC_USES.
#pragma once

#include "xapian.h"
