// SPDX-License-Identifier: GPL-2.0-or-later
// Includes ICU, which its stage does not declare; includes neither zlib
// (declared) nor nlohmann_json (declared PUBLIC_USES, in no header).
#include "a/a.h"

#include <unicode/uchar.h>
