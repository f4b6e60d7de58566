// SPDX-License-Identifier: GPL-2.0-or-later
// A keyword field added the way a new one is added (ARCHITECTURE.md,
// "Where to add a keyword field"): a registry row, `lang`, whose values are
// read from Document::keywords under its name.  For the tests that pass
// their own registry to the writer; include it only from tests that link
// the index stage.
#pragma once

#include <vector>

#include "index/format/fields.h"

namespace sift::testing {

/// The registry plus a `lang` row (query field lang:, filter and facet,
/// one value, term prefix XLANG:, value slot 7), kept in the stored summary
/// when `stored`.
inline std::vector<format::FieldSpec> registry_with_lang(bool stored = false) {
  std::vector<format::FieldSpec> fields(format::fields().begin(), format::fields().end());
  format::FieldSpec lang{"lang", "lang", format::FieldKind::Keyword, "XLANG:", 7, true, false, true,
                         true,   nullptr};
  lang.stored = stored;
  fields.push_back(lang);
  return fields;
}

}  // namespace sift::testing
