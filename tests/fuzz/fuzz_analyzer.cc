// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: bytes -> Analyzer tokens.
//
// The first byte picks the options (accents kept, stemming off, a small
// token limit, a small paragraph gap); the rest is the text.  Checked:
// every token is non-empty valid UTF-8 within the token limit, its byte
// range lies inside the input, positions and ranges advance, a joined
// (hyphenated) form comes right before its first part with the same
// position, stems and field normalization never fail, and analyzing the
// same text twice gives the same tokens (no state leaks between calls).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "fuzz_check.h"
#include "util/utf8.h"

namespace {

using sift::analysis::Analyzer;
using sift::analysis::Token;
using sift::fuzz::check;

constexpr std::uint32_t kFirstPosition = 7;

Analyzer& analyzer_for(std::uint8_t flags) {
  static std::array<std::unique_ptr<Analyzer>, 16> analyzers;
  auto& slot = analyzers[flags & 15];
  if (!slot) {
    sift::AnalyzerOptions options;
    options.keep_accents = (flags & 1) != 0;
    if (flags & 2) options.language = "none";
    if (flags & 4) options.max_token_bytes = 8;
    if (flags & 8) options.paragraph_gap = 1;
    slot = std::make_unique<Analyzer>(options);
  }
  return *slot;
}

bool same(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].text != b[i].text || a[i].position != b[i].position || a[i].begin != b[i].begin ||
        a[i].end != b[i].end || a[i].joined != b[i].joined) {
      return false;
    }
  }
  return true;
}

void check_tokens(const std::vector<Token>& tokens, std::string_view text,
                  const sift::AnalyzerOptions& options, std::uint32_t next_position) {
  const Token* previous = nullptr;  // the last non-joined token
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const std::string at = "token " + std::to_string(i) + " '" + t.text + "'";
    check(!t.text.empty(), at + " is empty");
    check(t.text.size() <= options.max_token_bytes, at + " is over max_token_bytes");
    check(!sift::util::first_invalid_utf8(t.text), at + " is not valid UTF-8");
    check(t.begin < t.end && t.end <= text.size(), at + " has a byte range outside the input");
    check(t.position >= kFirstPosition && t.position < next_position,
          at + " has a position outside the range analyze() reported");
    if (t.joined) {
      check(i + 1 < tokens.size(), at + " is a joined form with no part after it");
      const Token& first = tokens[i + 1];
      check(!first.joined && first.position == t.position && first.begin == t.begin,
            at + " is not followed by its first part");
      continue;
    }
    if (previous) {
      check(t.position > previous->position, at + " does not advance the position");
      check(t.begin >= previous->end, at + " overlaps the token before it");
    }
    previous = &t;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Analyzer& analyzer = analyzer_for(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::vector<Token> tokens;
  const std::uint32_t next =
      analyzer.analyze(text, kFirstPosition, [&](const Token& t) { tokens.push_back(t); });
  check_tokens(tokens, text, analyzer.options(), next);

  std::vector<Token> again;
  analyzer.analyze(text, kFirstPosition, [&](const Token& t) { again.push_back(t); });
  check(same(tokens, again), "analyzing the same text twice gave different tokens");

  const bool stemming = analyzer.options().language != "none";
  for (const Token& t : tokens) {
    const std::string stem = analyzer.stem(t.text);
    check(stemming || stem == t.text, "stem of '" + t.text + "' changed it with stemming off");
    check(!sift::util::first_invalid_utf8(stem), "stem of '" + t.text + "' is not valid UTF-8");
  }
  check(!sift::util::first_invalid_utf8(analyzer.normalize(text)),
        "normalize() returned invalid UTF-8");
  return 0;
}
