#include "search/snippet.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "util/utf8.h"

namespace sift::search {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 "…"

/// How much of a body the snippet is looked for in (see snippet.h).
constexpr std::size_t kMaxScanBytes = 64 * 1024;

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Where to stop looking in `text` for at most `limit` bytes: all of it
/// when short, else after the last white space before the limit (never
/// inside a word or a UTF-8 sequence).
std::size_t scan_end(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  for (std::size_t i = limit; i > 0; --i) {
    if (is_space(text[i - 1])) return i;
  }
  std::size_t i = limit;
  while (i > 0 && is_continuation(text[i])) --i;
  return i;
}

/// Code points in text[a, b).
std::size_t count_chars(std::string_view text, std::size_t a, std::size_t b) {
  std::size_t n = 0;
  for (std::size_t i = a; i < b; ++i) n += is_continuation(text[i]) ? 0 : 1;
  return n;
}

/// The byte offset `chars` code points before `pos`, not before `floor`.
std::size_t back_chars(std::string_view text, std::size_t pos, std::size_t chars,
                       std::size_t floor) {
  while (pos > floor && chars > 0) {
    --pos;
    while (pos > floor && is_continuation(text[pos])) --pos;
    --chars;
  }
  return pos;
}

/// The byte offset `chars` code points after `pos`, not after `ceil`.
std::size_t forward_chars(std::string_view text, std::size_t pos, std::size_t chars,
                          std::size_t ceil) {
  while (pos < ceil && chars > 0) {
    ++pos;
    while (pos < ceil && is_continuation(text[pos])) ++pos;
    --chars;
  }
  return pos;
}

/// A passage: bytes [begin, end) of a paragraph [para_begin, para_end).
struct Window {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t para_begin = 0;
  std::size_t para_end = 0;
};

/// The paragraph (line) of `text` that holds byte `pos`.
std::pair<std::size_t, std::size_t> paragraph_of(std::string_view text, std::size_t pos) {
  std::size_t b = 0;
  if (pos > 0) {
    const std::size_t nl = text.rfind('\n', pos - 1);
    if (nl != std::string_view::npos) b = nl + 1;
  }
  std::size_t e = text.find('\n', pos);
  if (e == std::string_view::npos) e = text.size();
  return {b, e};
}

/// Grows [first, last) of matched bytes to about `max_chars` characters of
/// context inside the paragraph, cut at white space.
Window widen(std::string_view text, std::size_t first, std::size_t last, std::size_t max_chars) {
  auto [pb, pe] = paragraph_of(text, first);
  last = std::min(last, pe);
  const std::size_t used = count_chars(text, first, last);
  const std::size_t slack = max_chars > used ? max_chars - used : 0;
  const std::size_t before = count_chars(text, pb, first);
  const std::size_t after = count_chars(text, last, pe);
  // A little context before the first match, the rest after it; a side
  // that runs out of text gives its share to the other.
  std::size_t lead = std::min(before, slack / 3);
  const std::size_t trail = std::min(after, slack - lead);
  lead = std::min(before, slack - trail);

  Window w{back_chars(text, first, lead, pb), forward_chars(text, last, trail, pe), pb, pe};
  if (w.begin > pb && !is_space(text[w.begin - 1])) {
    // Cut at the next white space before the match; failing that, at the
    // start of the word that holds the match.
    std::size_t s = w.begin;
    while (s < first && !is_space(text[s])) ++s;
    if (s < first) {
      w.begin = s;
    } else {
      s = first;
      while (s > pb && !is_space(text[s - 1])) --s;
      w.begin = s;
    }
  }
  if (w.end < pe && !is_space(text[w.end])) {
    std::size_t t = w.end;
    while (t > last && !is_space(text[t - 1])) --t;
    if (t > last) {
      w.end = t;
    } else {
      t = last;
      while (t < pe && !is_space(text[t])) ++t;
      w.end = t;
    }
  }
  while (w.begin < w.end && is_space(text[w.begin])) ++w.begin;
  while (w.end > w.begin && is_space(text[w.end - 1])) --w.end;
  return w;
}

/// The window with the most distinct matched terms, then the most matches,
/// then the earliest; nullopt when there are no matches.
std::optional<Window> best_window(std::string_view text, const std::vector<TokenMatch>& matches,
                                  std::size_t max_chars) {
  if (matches.empty()) return std::nullopt;
  std::size_t best_i = 0, best_j = 1, best_distinct = 0, best_count = 0;
  std::unordered_map<std::string_view, std::size_t> in_window;
  std::size_t j = 0;
  std::size_t para_end = 0;  // end of the paragraph holding match i
  for (std::size_t i = 0; i < matches.size(); ++i) {
    // Found once per paragraph, not once per match: a long paragraph full
    // of matches made this loop quadratic (a 1 MB paragraph: minutes).
    if (i == 0 || matches[i].begin >= para_end)
      para_end = paragraph_of(text, matches[i].begin).second;
    if (j < i + 1) {
      // Start a new window holding just match i.
      in_window.clear();
      j = i;
    }
    while (j < matches.size() &&
           (j == i || (matches[j].end <= para_end &&
                       count_chars(text, matches[i].begin, matches[j].end) <= max_chars))) {
      ++in_window[matches[j].key];
      ++j;
    }
    const std::size_t count = j - i;
    if (in_window.size() > best_distinct ||
        (in_window.size() == best_distinct && count > best_count)) {
      best_i = i;
      best_j = j;
      best_distinct = in_window.size();
      best_count = count;
    }
    if (--in_window[matches[i].key] == 0) in_window.erase(matches[i].key);
  }
  std::size_t last = 0;
  for (std::size_t k = best_i; k < best_j; ++k) last = std::max(last, matches[k].end);
  return widen(text, matches[best_i].begin, last, max_chars);
}

/// The opening of `text`'s first non-empty paragraph.
Window lead_window(std::string_view text, std::size_t max_chars) {
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  if (start == text.size()) return {};
  return widen(text, start, start, max_chars);
}

std::string render(std::string_view text, const Window& w, const std::vector<MarkedRange>& marks) {
  std::string out;
  if (w.begin > w.para_begin) out += kEllipsis;
  std::size_t pos = w.begin;
  for (const auto& m : marks) {
    if (m.end <= w.begin || m.begin >= w.end) continue;
    const std::size_t b = std::max(m.begin, w.begin);
    const std::size_t e = std::min(m.end, w.end);
    out += util::html_escape(text.substr(pos, b - pos));
    out += "<mark>";
    out += util::html_escape(text.substr(b, e - b));
    out += "</mark>";
    pos = e;
  }
  out += util::html_escape(text.substr(pos, w.end - pos));
  if (w.end < w.para_end) out += kEllipsis;
  return out;
}

}  // namespace

std::vector<TokenMatch> find_matches(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                                     std::string_view text) {
  std::vector<TokenMatch> matches;
  if (terms.empty() || text.empty()) return matches;
  analyzer.analyze(text, 1, [&](const analysis::Token& token) {
    std::string stem = analyzer.stem(token.text);
    if (!terms.exact.contains(token.text) && !terms.stems.contains(stem)) return;
    TokenMatch m{token.begin, std::min(token.end, text.size()), std::move(stem)};
    // The Analyzer leaves a dotted acronym's last dot out of its range (it
    // may end the sentence); the mark takes it, so "U.S." is marked whole.
    const std::string_view original = text.substr(m.begin, m.end - m.begin);
    if (m.end < text.size() && text[m.end] == '.' && original.find('.') != std::string_view::npos) {
      ++m.end;
    }
    matches.push_back(std::move(m));
  });
  std::stable_sort(matches.begin(), matches.end(),
                   [](const TokenMatch& a, const TokenMatch& b) { return a.begin < b.begin; });
  return matches;
}

std::vector<MarkedRange> merge_ranges(const std::vector<TokenMatch>& matches) {
  std::vector<MarkedRange> ranges;
  for (const auto& m : matches) {
    if (!ranges.empty() && m.begin < ranges.back().end) {
      ranges.back().end = std::max(ranges.back().end, m.end);
    } else {
      ranges.push_back({m.begin, m.end});
    }
  }
  return ranges;
}

std::string make_snippet(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                         std::string_view title, std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) return {};
  // Snippets come from the start of the body: analyzing a 10 MB body on
  // every hit made each search that hit it take seconds.
  text = text.substr(0, scan_end(text, kMaxScanBytes));
  auto body_matches = find_matches(analyzer, terms, text);
  if (auto w = best_window(text, body_matches, max_chars)) {
    return render(text, *w, merge_ranges(body_matches));
  }
  auto title_matches = find_matches(analyzer, terms, title);
  if (auto w = best_window(title, title_matches, max_chars)) {
    return render(title, *w, merge_ranges(title_matches));
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return title.empty() ? std::string() : render(title, lead_window(title, max_chars), {});
  }
  return render(text, lead_window(text, max_chars), {});
}

}  // namespace sift::search
