// SPDX-License-Identifier: GPL-2.0-or-later
// One JSON object -> one Document: the rules shared by the JSONL reader
// (an object per line) and the JSON array reader (an array of objects);
// implemented in json_document.cc.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sift/document.h"

namespace sift::ingest {

/// nlohmann's parser recurses once per level: deeper input is rejected
/// before parsing so it cannot exhaust the stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// True when arrays and objects in `text` nest deeper than `limit`.
/// Brackets inside strings do not count.
bool nested_deeper_than(std::string_view text, std::size_t limit);

/// "not valid JSON at byte N: what is wrong" for a parse error.
std::string parse_problem(const nlohmann::json::parse_error& e);

/// "not valid JSON: what is wrong" for valid syntax nlohmann cannot hold
/// (a number past a double's range).
std::string json_problem(const nlohmann::json::exception& e);

/// Turns one JSON object into `doc` (fields as parse_jsonl documents);
/// `where` ("FILE:LINE", "FILE[INDEX]") becomes its path.
/// @return the problem ("missing \"id\"", ...), or empty.
std::string to_document(const nlohmann::json& obj, const std::string& where, Document& doc);

}  // namespace sift::ingest
