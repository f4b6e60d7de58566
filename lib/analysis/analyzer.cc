// SPDX-License-Identifier: GPL-2.0-or-later
#include "analysis/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

#include "analysis/term_normalizer.h"
#include "analysis/utf16_text.h"
#include "sift/error.h"
#include "util/errors.h"
#include "util/utf8.h"
#include "xapian.h"

namespace sift::analysis {
namespace {

// Texts are segmented in pieces of about this many bytes, cut at white
// space, so the UTF-16 copy and its offset map stay small and reusable.
constexpr std::size_t kPieceBytes = 1 << 20;
// How far back from a piece's end to look for white space to cut at.
constexpr std::size_t kCutSearchBytes = 64 * 1024;

// The length of the next piece of `text`: all of it when short, else up to
// the last ASCII white space before kPieceBytes (never inside a word), else
// (a long run without spaces) the last character boundary.
std::size_t next_piece_length(std::string_view text) {
  if (text.size() <= kPieceBytes) return text.size();
  for (std::size_t i = kPieceBytes; i > kPieceBytes - kCutSearchBytes; --i) {
    const char c = text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return i;
  }
  return util::code_point_start(text, kPieceBytes);
}

// "none, armenian, basque, ...": what the constructor accepts.
std::string known_languages() {
  const std::string list = Xapian::Stem::get_available_languages();  // space-separated
  std::string out = "none";
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(' ', start);
    if (end == std::string::npos) end = list.size();
    if (end > start) out += ", " + list.substr(start, end - start);
    start = end + 1;
  }
  return out;
}

// `options` itself, once checked: a token limit Xapian cannot store would
// let add() succeed and the next commit fail for the whole batch.
const AnalyzerOptions& checked(const AnalyzerOptions& options) {
  if (options.max_token_bytes > kMaxTokenBytesLimit) {
    throw Error(ErrorCode::BadInput,
                "max_token_bytes is " + std::to_string(options.max_token_bytes) +
                    ", over the limit of " + std::to_string(kMaxTokenBytesLimit) +
                    " (Xapian rejects terms over 245 bytes, prefix included)");
  }
  return options;
}

Xapian::Stem make_stemmer(const std::string& language) {
  if (language == "none") return Xapian::Stem();
  try {
    return Xapian::Stem(language);
  } catch (const Xapian::InvalidArgumentError&) {
    throw Error(ErrorCode::Unsupported,
                "unknown stemming language '" + language + "'; known: " + known_languages());
  }
}

// Hash for looking std::string keys up by std::string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

constexpr std::size_t kStemCacheEntries = 50'000;
constexpr std::size_t kStemCacheMaxWordBytes = 24;

}  // namespace

// Invariant between calls: no chain is pending (chain_size == 0) and the
// run state is reset at the start of analyze().
struct Analyzer::Impl {
  // One word of a hyphenated chain, held back until the chain ends so its
  // joined form can be emitted first.
  struct Part {
    Token token;
    bool too_long = false;
  };

  AnalyzerOptions options;
  Xapian::Stem stemmer;
  bool stemming = false;
  // Stems of recent words: Snowball costs far more than a lookup, and a
  // text's vocabulary is small.  Cleared when full, so memory is bounded.
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> stem_cache;
  TermNormalizer normalizer;
  std::unique_ptr<icu::BreakIterator> words;
  UText utext = UTEXT_INITIALIZER;
  Utf16Text text;

  // State of one analyze() call.
  const std::function<void(const Token&)>* emit = nullptr;
  std::uint32_t next_position = 0;
  bool any_word = false;       // a position has been used in this call
  bool pending_break = false;  // a line feed since the last word
  std::size_t piece_base = 0;  // byte offset of the current piece

  // The current chain of words joined by single hyphens.  Parts are held
  // while a joined form is still possible (joinable), else emitted at once.
  std::vector<Part> chain;  // chain[0, chain_size) are live; kept for reuse
  std::size_t chain_size = 0;
  bool in_chain = false;        // the last segment was a word of the chain
  bool hyphen_pending = false;  // ... followed by one hyphen
  bool joinable = false;
  std::size_t joined_bytes = 0;
  Token joined;
  std::string word_text;      // scratch for the current word
  std::string unfolded_text;  // ... and its form before accent folding

  explicit Impl(const AnalyzerOptions& opts)
      : options(checked(opts)),
        stemmer(make_stemmer(opts.language)),
        stemming(opts.language != "none"),
        normalizer(opts.keep_accents) {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !words) {
      throw Error(ErrorCode::Internal,
                  std::string("cannot create ICU's word break iterator: ") + u_errorName(status));
    }
  }
  ~Impl() { utext_close(&utext); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void analyze_piece(std::string_view piece);
  void on_word(std::int32_t start, std::int32_t end);
  void on_word_part(std::int32_t start, std::int32_t end);
  void on_other(std::int32_t start, std::int32_t end);
  void end_chain();
  void emit_part(const Part& part) {
    if (!part.too_long) (*emit)(part.token);
  }
};

void Analyzer::Impl::analyze_piece(std::string_view piece) {
  text.assign(piece);
  UErrorCode status = U_ZERO_ERROR;
  utext_openUChars(&utext, text.data(), text.size(), &status);
  words->setText(&utext, status);
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::Internal,
                std::string("ICU word break iterator rejected the text: ") + u_errorName(status));
  }
  std::int32_t start = words->first();
  for (std::int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    if (words->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      on_word(start, end);
    } else {
      on_other(start, end);
    }
  }
  end_chain();
}

// True for an ASCII letter or digit.
static bool ascii_alnum(char16_t c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

void Analyzer::Impl::on_word(std::int32_t start, std::int32_t end) {
  const std::int32_t size = static_cast<std::int32_t>(text.size());
  // Names that ICU cuts short: "C++", "C#", "F#" (a letter and its
  // suffix), and ".NET", ".bashrc" (a dot glued to the start of an ASCII
  // word that follows a space, a bracket or nothing).  Without the suffix
  // or the dot they would be the letter "c" or the word "net".
  if (end - start == 1 && ascii_alnum(text[start])) {
    const bool plus_plus = end + 1 < size && text[end] == u'+' && text[end + 1] == u'+';
    const std::int32_t after = end + (plus_plus ? 2 : 1);
    if ((plus_plus || (end < size && text[end] == u'#')) &&
        (after >= size || !ascii_alnum(text[after]))) {
      end = after;
    }
  } else if (start >= 1 && text[start - 1] == u'.' &&
             (start == 1 || util::is_white_space(text[start - 2]) || text[start - 2] == u'(') &&
             std::all_of(text.data() + start, text.data() + end, ascii_alnum)) {
    --start;
  }
  // An underscore joins the parts of a word as a hyphen does: "x86_64" is
  // "x86-64" (the parts x86 and 64, and the joined x8664), so either
  // spelling, or "x8664", finds the other; "O_NONBLOCK" finds "nonblock".
  // White space ends a word even where ICU goes on: it keeps U+202F NARROW
  // NO-BREAK SPACE inside a word (UAX #29 ExtendNumLet), so "10\u202F000"
  // and "Bonjour\u202F!" would be one token holding a space.
  bool any = false;
  bool spaced = false;  // white space since the last part
  std::int32_t from = start;
  for (std::int32_t i = start; i <= end; ++i) {
    if (i < end && text[i] != u'_' && !util::is_white_space(text[i])) continue;
    if (i > from) {
      if (any) hyphen_pending = in_chain && !spaced;
      on_word_part(from, i);
      any = true;
      spaced = false;
    }
    if (i < end && text[i] != u'_') spaced = true;
    from = i + 1;
  }
  if (!any) on_other(start, end);
}

void Analyzer::Impl::on_word_part(std::int32_t start, std::int32_t end) {
  // ICU keeps a leading '@' in the word ("@leonidragozin"); people search
  // for a handle with or without it, so the word starts after it.
  // A lone '@' is no word at all.
  const std::int32_t word_start = start;
  while (start < end && text.data()[start] == u'@') ++start;
  if (start == end) {
    on_other(word_start, end);
    return;
  }
  const bool continues_chain = in_chain && hyphen_pending;
  hyphen_pending = false;
  normalizer.normalize_word(
      std::u16string_view(text.data() + start, static_cast<std::size_t>(end - start)), word_text,
      &unfolded_text);
  if (word_text.empty()) {
    // Nothing but ignorable characters: not a word, and no position.
    end_chain();
    return;
  }
  if (!continues_chain) end_chain();
  const bool dotted = join_dotted_letters(word_text);
  if (dotted && !unfolded_text.empty()) join_dotted_letters(unfolded_text);
  std::int32_t letters = 0;
  bool capitals = true;
  for (std::int32_t i = start; i < end && capitals; ++i) {
    const char16_t c = text[i];
    if (c == u'.' && dotted) continue;
    capitals = u_isUUppercase(c);
    ++letters;
  }
  capitals = capitals && letters >= 2;

  if (pending_break && any_word) next_position += options.paragraph_gap;
  pending_break = false;
  any_word = true;

  if (chain_size == chain.size()) chain.emplace_back();
  Part& part = chain[chain_size];
  part.token.text.swap(word_text);
  part.token.unfolded.swap(unfolded_text);
  part.token.position = next_position++;
  part.token.begin = piece_base + text.byte_offset(start);
  part.token.end = piece_base + text.byte_offset(end);
  part.token.joined = false;
  part.token.dotted = dotted;
  part.token.capitals = capitals;
  part.too_long = part.token.text.size() > options.max_token_bytes;

  if (!continues_chain) {
    in_chain = true;
    joinable = !part.too_long;
    joined_bytes = part.token.text.size();
    ++chain_size;
    return;
  }
  joined_bytes += part.token.text.size();
  if (joinable && (part.too_long || joined_bytes > options.max_token_bytes)) {
    // No joined form can come of this chain: let its parts go now.
    joinable = false;
    for (std::size_t i = 0; i < chain_size; ++i) emit_part(chain[i]);
    chain_size = 0;
  }
  if (joinable) {
    ++chain_size;
  } else {
    emit_part(part);
  }
}

void Analyzer::Impl::on_other(std::int32_t start, std::int32_t end) {
  if (in_chain && !hyphen_pending && end - start == 1 && util::is_joining_dash(text[start])) {
    hyphen_pending = true;
    return;
  }
  end_chain();
  for (std::int32_t i = start; i < end; ++i) {
    if (text[i] == u'\n') {
      pending_break = true;
      break;
    }
  }
}

void Analyzer::Impl::end_chain() {
  in_chain = false;
  hyphen_pending = false;
  if (chain_size == 0) return;
  if (chain_size >= 2 && joinable) {
    joined.text.clear();
    joined.unfolded.clear();
    bool any_unfolded = false;
    for (std::size_t i = 0; i < chain_size; ++i) {
      joined.text += chain[i].token.text;
      any_unfolded = any_unfolded || !chain[i].token.unfolded.empty();
    }
    if (any_unfolded) {
      for (std::size_t i = 0; i < chain_size; ++i) {
        const Token& t = chain[i].token;
        joined.unfolded += t.unfolded.empty() ? t.text : t.unfolded;
      }
    }
    joined.position = chain[0].token.position;
    joined.begin = chain[0].token.begin;
    joined.end = chain[chain_size - 1].token.end;
    joined.joined = true;
    joined.dotted = false;
    joined.capitals = false;
    (*emit)(joined);
  }
  for (std::size_t i = 0; i < chain_size; ++i) emit_part(chain[i]);
  chain_size = 0;
}

Analyzer::Analyzer(const AnalyzerOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

// Tokens are emitted in order of position; the joined form of a hyphenated
// word comes just before its first part (same position, wider byte range).
// `emit` must not call back into this Analyzer.
std::uint32_t Analyzer::analyze(std::string_view text, std::uint32_t first_position,
                                const std::function<void(const Token&)>& emit) {
  Impl& s = *impl_;
  s.emit = &emit;
  s.next_position = first_position;
  s.any_word = false;
  s.pending_break = false;
  s.chain_size = 0;
  s.in_chain = false;
  s.hyphen_pending = false;
  std::size_t base = 0;
  while (base < text.size()) {
    const std::string_view rest = text.substr(base);
    const std::size_t length = next_piece_length(rest);
    s.piece_base = base;
    s.analyze_piece(rest.substr(0, length));
    base += length;
  }
  s.emit = nullptr;
  return s.next_position;
}

std::vector<Token> Analyzer::tokens(std::string_view text) {
  std::vector<Token> out;
  analyze(text, 1, [&out](const Token& token) { out.push_back(token); });
  return out;
}

std::string Analyzer::stem(const Token& token) const {
  if (token.unfolded.empty() || !impl_->stemming) return stem(token.text);
  // Stem first, then fold the stem as the token was folded.
  return impl_->normalizer.normalize_field(stem(token.unfolded));
}

std::string Analyzer::stem(std::string_view word) const {
  if (!impl_->stemming) return std::string(word);
  auto& cache = impl_->stem_cache;
  if (auto hit = cache.find(word); hit != cache.end()) return hit->second;
  try {
    std::string stem = impl_->stemmer(std::string(word));
    if (word.size() <= kStemCacheMaxWordBytes) {
      if (cache.size() >= kStemCacheEntries) cache.clear();
      cache.emplace(word, stem);
    }
    return stem;
  } catch (...) {
    util::rethrow_as_sift_error("stemming '" + std::string(word) + "'");
  }
}

std::string Analyzer::normalize(std::string_view text) const {
  return impl_->normalizer.normalize_field(text);
}

const AnalyzerOptions& Analyzer::options() const {
  return impl_->options;
}

}  // namespace sift::analysis
