// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/snippet/snippet.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "util/html_escape.h"
#include "util/utf8.h"

namespace sift::search {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 "…"

/// How much of a body the snippet is looked for in (see snippet.h).
constexpr std::size_t kMaxScanBytes = 64 * 1024;

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
  return util::code_point_start(text, limit);
}

/// Code points in text[a, b).
std::size_t count_chars(std::string_view text, std::size_t a, std::size_t b) {
  return util::count_code_points(text.substr(a, b - a));
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

  Window w{util::skip_back(text, first, lead, pb), util::skip_forward(text, last, trail, pe), pb,
           pe};
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

/// A run of matches [i, j) that fits one window, and its score.
struct Run {
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t distinct = 0;
  std::size_t count = 0;

  /// (distinct, count) compared: the order in which passages are preferred.
  bool scores_above(std::size_t d, std::size_t c) const {
    return distinct > d || (distinct == d && count > c);
  }
};

/// The run with the most distinct matched terms, then the most matches,
/// then the earliest; nullopt when there are no matches.  A run never
/// leaves the paragraph of its first match, so the runs of one paragraph
/// depend only on that paragraph's matches.
std::optional<Run> best_run(std::string_view text, const std::vector<TokenMatch>& matches,
                            std::size_t max_chars) {
  if (matches.empty()) return std::nullopt;
  Run best{0, 1, 0, 0};
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
    const Run run{i, j, in_window.size(), j - i};
    if (run.scores_above(best.distinct, best.count)) best = run;
    if (--in_window[matches[i].key] == 0) in_window.erase(matches[i].key);
  }
  return best;
}

/// The passage around a run of matches.
Window window_of(std::string_view text, const std::vector<TokenMatch>& matches, const Run& run,
                 std::size_t max_chars) {
  std::size_t last = 0;
  for (std::size_t k = run.i; k < run.j; ++k) last = std::max(last, matches[k].end);
  return widen(text, matches[run.i].begin, last, max_chars);
}

/// The window with the most distinct matched terms, then the most matches,
/// then the earliest; nullopt when there are no matches.
std::optional<Window> best_window(std::string_view text, const std::vector<TokenMatch>& matches,
                                  std::size_t max_chars) {
  const auto run = best_run(text, matches, max_chars);
  if (!run) return std::nullopt;
  return window_of(text, matches, *run, max_chars);
}

/// True when `line` has a character the Analyzer joins words with
/// (util::is_joining_dash): only then can two tokens
/// (a hyphenated word's joined form and its first part) share a position.
bool may_join_words(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    if (util::is_joining_dash(util::next_code_point(line, i))) return true;
  }
  return false;
}

/// find_matches() of `text`, its words numbered from `first_position`.
/// With `matched` (sorted), a token at a position not in it is passed over
/// without being stemmed, as long as the first token has `first_position`
/// (the numbering agrees with the index's; it does not when the line's
/// first word was too long to index).
std::vector<TokenMatch> matches_of(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                                   std::string_view text, std::uint32_t first_position,
                                   const std::vector<std::uint32_t>* matched) {
  std::vector<TokenMatch> matches;
  if (terms.empty() || text.empty()) return matches;
  bool first = true;
  analyzer.analyze(text, first_position, [&](const analysis::Token& token) {
    if (first) {
      first = false;
      if (token.position != first_position) matched = nullptr;
    }
    if (matched != nullptr && !std::binary_search(matched->begin(), matched->end(), token.position))
      return;
    std::string stem = analyzer.stem(token);
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

/// The matches of text[begin, end) (one line), with offsets into `text`:
/// a line is analyzed exactly as inside the whole text, since no token,
/// hyphen chain or word break crosses a line feed (and the byte after a
/// line, which find_matches() looks at for an acronym's dot, is '\n').
std::vector<TokenMatch> line_matches(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                                     std::string_view text, std::size_t begin, std::size_t end,
                                     const ParagraphBound& bound) {
  auto matches = matches_of(analyzer, terms, text.substr(begin, end - begin), bound.first_position,
                            &bound.matched);
  for (auto& m : matches) {
    m.begin += begin;
    m.end += begin;
  }
  return matches;
}

/// The best passage of `text` and the matches of its line, analyzing only
/// the lines whose bounds can beat the best found so far; nullopt when no
/// line has a match.  Same choice as best_window() over every match: the
/// best score, the earliest on ties.
std::optional<std::pair<Window, std::vector<TokenMatch>>> best_bounded(analysis::Analyzer& analyzer,
                                                                       const HighlightTerms& terms,
                                                                       std::string_view text,
                                                                       const BodyBounds& bounds,
                                                                       std::size_t max_chars) {
  struct Candidate {
    std::size_t line, begin, end, distinct, count;
  };
  std::vector<Candidate> candidates;
  std::size_t begin = 0;
  for (std::size_t line = 0; line < bounds.size() && begin <= text.size(); ++line) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (bounds[line].distinct > 0) {
      const std::string_view body = text.substr(begin, end - begin);
      const std::size_t per_position = may_join_words(body) ? 2 : 1;
      candidates.push_back(
          {line, begin, end, bounds[line].distinct, bounds[line].positions * per_position});
    }
    begin = end + 1;
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.distinct != b.distinct) return a.distinct > b.distinct;
    if (a.count != b.count) return a.count > b.count;
    return a.line < b.line;
  });

  std::optional<Run> best;
  std::size_t best_line = 0;
  std::vector<TokenMatch> best_matches;
  for (const Candidate& c : candidates) {
    if (best) {
      const Run bound{0, 0, c.distinct, c.count};
      // Even at its bound this line could not win (a tie goes to the
      // earlier line).
      if (!bound.scores_above(best->distinct, best->count) &&
          !(c.line < best_line && !best->scores_above(c.distinct, c.count))) {
        continue;
      }
    }
    auto matches = line_matches(analyzer, terms, text, c.begin, c.end, bounds[c.line]);
    const auto run = best_run(text, matches, max_chars);
    if (!run) continue;
    if (!best || run->scores_above(best->distinct, best->count) ||
        (c.line < best_line && !best->scores_above(run->distinct, run->count))) {
      best = run;
      best_line = c.line;
      best_matches = std::move(matches);
    }
  }
  if (!best) return std::nullopt;
  return std::make_pair(window_of(text, best_matches, *best, max_chars), std::move(best_matches));
}

/// The opening of `text`'s first non-empty paragraph.
Window lead_window(std::string_view text, std::size_t max_chars) {
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  if (start == text.size()) return {};
  return widen(text, start, start, max_chars);
}

/// Text of the window with the marks (clipped to it) wrapped in the
/// markup's markers; the marks' places in the result are recorded.
Highlighted render(std::string_view text, const Window& w, const std::vector<MarkedRange>& marks,
                   const Markup& markup) {
  Highlighted out;
  const auto put = [&](std::string_view part) {
    out.text += markup.html ? util::html_escape(part) : std::string(part);
  };
  if (w.begin > w.para_begin) out.text += kEllipsis;
  std::size_t pos = w.begin;
  for (const auto& m : marks) {
    if (m.end <= w.begin || m.begin >= w.end) continue;
    const std::size_t b = std::max(m.begin, w.begin);
    const std::size_t e = std::min(m.end, w.end);
    put(text.substr(pos, b - pos));
    out.text += markup.open;
    const std::size_t start = out.text.size();
    put(text.substr(b, e - b));
    out.marks.push_back({start, out.text.size()});
    out.text += markup.close;
    pos = e;
  }
  put(text.substr(pos, w.end - pos));
  if (w.end < w.para_end) out.text += kEllipsis;
  return out;
}

}  // namespace

std::vector<TokenMatch> find_matches(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                                     std::string_view text) {
  return matches_of(analyzer, terms, text, 1, nullptr);
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

Highlighted make_snippet(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                         std::string_view title, std::string_view text, std::size_t max_chars,
                         const Markup& markup, const BodyBounds* bounds) {
  if (max_chars == 0) return {};
  // Snippets come from the start of the body: analyzing a 10 MB body on
  // every hit made each search that hit it take seconds.
  text = text.substr(0, scan_end(text, kMaxScanBytes));
  if (bounds != nullptr && !terms.empty()) {
    if (auto best = best_bounded(analyzer, terms, text, *bounds, max_chars)) {
      return render(text, best->first, merge_ranges(best->second), markup);
    }
  } else {
    auto body_matches = find_matches(analyzer, terms, text);
    if (auto w = best_window(text, body_matches, max_chars)) {
      return render(text, *w, merge_ranges(body_matches), markup);
    }
  }
  auto title_matches = find_matches(analyzer, terms, title);
  if (auto w = best_window(title, title_matches, max_chars)) {
    return render(title, *w, merge_ranges(title_matches), markup);
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return title.empty() ? Highlighted{} : render(title, lead_window(title, max_chars), {}, markup);
  }
  return render(text, lead_window(text, max_chars), {}, markup);
}

std::string make_snippet(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                         std::string_view title, std::string_view text, std::size_t max_chars,
                         const BodyBounds* bounds) {
  return make_snippet(analyzer, terms, title, text, max_chars, Markup{}, bounds).text;
}

Highlighted highlight_title(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                            std::string_view title, const Markup& markup) {
  const Window whole{0, title.size(), 0, title.size()};
  return render(title, whole, merge_ranges(find_matches(analyzer, terms, title)), markup);
}

}  // namespace sift::search
