// SPDX-License-Identifier: GPL-2.0-or-later
// Escaping text for HTML, as the snippets' HTML markup needs it.
#pragma once

#include <string>
#include <string_view>

namespace sift::util {

/// HTML-escapes & < > " ' for safe inclusion in markup (element content
/// and quoted attribute values).
std::string html_escape(std::string_view text);

}  // namespace sift::util
