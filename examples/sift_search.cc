// SPDX-License-Identifier: GPL-2.0-or-later
// sift-search: search an index built by sift-index.
//
//   sift-search --db DIR [--limit N] [--offset N] [--sort relevance|date]
//               [--filter FIELD:VALUE]... [--json] [--explain] QUERY...
//   sift-search --db SHARD --db SHARD... [--timeout MS] [--partial] QUERY...
//
// Each --db is an index folder, a sharded index folder, a Xapian stub
// file, or tcp://HOST:PORT (xapian-tcpsrv); several are searched as one.
// Without --db, SIFT_DB names the index.  Under --json every error is a
// JSON object on stdout too.
//
// Exit status: 0 on success (zero hits too), 2 for a usage or query error,
// 3 when the index cannot be opened or read, 1 for anything else.
#include <fmt/core.h>
#include <sift/sift.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli_conventions.h"
#include "results_json.h"

namespace {

constexpr int kUsageError = 2;
constexpr int kIndexError = 3;

int exit_code_for(sift::ErrorCode code) {
  switch (code) {
    case sift::ErrorCode::BadQuery:
    case sift::ErrorCode::BadInput:
      return kUsageError;
    case sift::ErrorCode::NotFound:
    case sift::ErrorCode::Corrupt:
    case sift::ErrorCode::Locked:
    case sift::ErrorCode::IO:
    case sift::ErrorCode::Network:
    case sift::ErrorCode::Unsupported:
      return kIndexError;
    case sift::ErrorCode::Internal:
      break;
  }
  return 1;
}

void print_facet(const sift::Results& r, const std::string& name) {
  const auto it = r.facets.find(name);
  if (it == r.facets.end() || it->second.empty()) return;
  std::string line;
  for (const sift::FacetValue& v : it->second) {
    line += fmt::format("{}{} ({})", line.empty() ? "" : ", ", v.value, v.count);
  }
  fmt::print("By {}: {}\n", name, line);
}

/// Prints `r` as text; its snippets and titles were written for the
/// terminal (sift::cli::terminal_highlighting).
void print_human(const sift::Results& r, bool explain, const std::vector<std::string>& facets) {
  const double ms = static_cast<double>(r.elapsed.count()) / 1000.0;
  const bool exact = r.total_lower == r.total_upper;
  const std::string about = exact ? "" : "about ";
  if (r.total == 0) {
    fmt::print("No results for \"{}\" ({:.1f} ms)\n", r.query, ms);
  } else if (r.hits.empty()) {
    fmt::print("{}{} results for \"{}\", none from {} on ({:.1f} ms)\n", about, r.total, r.query,
               r.offset + 1, ms);
  } else if (r.offset == 0 && r.hits.size() == r.total) {
    fmt::print("{} result{} for \"{}\" ({:.1f} ms)\n", r.total, r.total == 1 ? "" : "s", r.query,
               ms);
  } else {
    fmt::print("{}{} results for \"{}\", showing {}-{} ({:.1f} ms)\n", about, r.total, r.query,
               r.hits.front().rank, r.hits.back().rank, ms);
  }
  if (r.auto_corrected) {
    fmt::print("Showing results for \"{}\"; search instead for \"{}\" with --as-typed\n", r.ran,
               r.query);
  } else if (r.suggestion) {
    fmt::print("Did you mean: {}\n", *r.suggestion);
  }
  for (const auto& w : r.warnings) fmt::print("warning: {}\n", w);
  bool tier_shown = false;
  for (const auto& h : r.hits) {
    if (!h.all_words && !tier_shown) {
      fmt::print("\n-- without some of the words --\n");
      tier_shown = true;
    }
    const std::string& title = h.title_highlighted.empty() ? h.title : h.title_highlighted;
    fmt::print("\n{:>2}. {}\n", h.rank, title.empty() ? "(untitled)" : title);
    std::string meta = h.id;
    if (!h.date.empty()) meta += "  " + h.date;
    if (!h.author.empty()) meta += "  by " + h.author;
    if (h.score > 0) meta += fmt::format("  score {:.3f}", h.score);
    fmt::print("    {}\n", meta);
    if (!h.snippet.empty()) fmt::print("    {}\n", h.snippet);
    if (!h.url.empty() || !h.path.empty()) fmt::print("    {}\n", h.url.empty() ? h.path : h.url);
  }
  if (!r.hits.empty()) {
    fmt::print("\n");
    for (const std::string& name : facets) print_facet(r, name);
  }
  if (explain) {
    fmt::print("\nParsed:     {}\nXapian:     {}\n", r.explanation.parsed, r.explanation.xapian);
    if (r.explanation.expansions.empty()) {
      fmt::print("Expansions: none\n");
    } else {
      fmt::print("Expansions:\n");
      for (const auto& e : r.explanation.expansions) fmt::print("  {}\n", e);
    }
  }
}

/// The arguments with every query word moved after a "--", in order, so a
/// query may hold words that start with '-' ("kiev -russia") and options
/// may come anywhere.  Arguments that start with "--" stay options (an
/// unknown one is still a usage error), and so do the short options
/// below, written alone (a query word "-e" must come after "--").
std::vector<std::string> query_words_last(int argc, char** argv) {
  static constexpr std::string_view kWithValue[] = {
      "--db", "--limit", "--offset", "--sort", "--filter", "--facet", "--timeout",
      "-d",   "-n",      "-o",       "-s",     "-f",       "-t"};
  static constexpr std::string_view kShortFlags[] = {"-h", "-V", "-j", "-e"};
  std::vector<std::string> options{argv[0]}, words;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") {
      words.insert(words.end(), argv + i + 1, argv + argc);
      break;
    }
    if (std::find(std::begin(kWithValue), std::end(kWithValue), a) != std::end(kWithValue)) {
      options.emplace_back(a);
      if (i + 1 < argc) options.emplace_back(argv[++i]);
    } else if (a.starts_with("--") || std::find(std::begin(kShortFlags), std::end(kShortFlags),
                                                a) != std::end(kShortFlags)) {
      options.emplace_back(a);
    } else {
      words.emplace_back(a);
    }
  }
  if (!words.empty()) {
    const bool dashed =
        std::any_of(words.begin(), words.end(), [](const auto& w) { return w.starts_with('-'); });
    if (dashed) options.emplace_back("--");
    options.insert(options.end(), words.begin(), words.end());
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{
      "Search a Sift index.  Query syntax: words, \"phrases\", OR, NOT, -word, "
      "NEAR, prefix*, title:word, (groups).",
      "sift-search"};
  std::vector<std::string> db;
  sift::SearchOptions options;
  sift::SearcherOptions open_options;
  long timeout_ms = open_options.remote_timeout.count();
  std::string sort = "relevance";
  std::vector<std::string> filters;
  std::vector<std::string> facets;
  std::vector<std::string> words;
  bool json = false;
  bool explain = false;
  sift::cli::add_db_option(app, db,
                           "index folder (built by sift-index), sharded folder, stub file or "
                           "tcp://HOST:PORT; repeat to search several shards as one")
      ->required()
      ->allow_extra_args(false);  // one value per --db: the words after it are the query
  app.add_option("-t,--timeout", timeout_ms,
                 "remote shards: fail (or skip) after MS milliseconds (1 to 3600000)")
      ->capture_default_str()
      ->check(sift::cli::whole_number(1, 3'600'000));
  app.add_flag("--partial", open_options.allow_partial,
               "remote shards: answer from the shards that are up, with a warning, when one "
               "is down or slow");
  app.add_option("-n,--limit", options.limit,
                 "hits to show (more than 1000 are cut to 1000, with a warning)")
      ->capture_default_str()
      ->check(sift::cli::whole_number(0));
  app.add_option("-o,--offset", options.offset, "hits to skip, for the next page")
      ->capture_default_str()
      ->check(sift::cli::whole_number(0));
  app.add_option("-s,--sort", sort, "relevance or date (newest first)")
      ->capture_default_str()
      ->check(CLI::IsMember({"relevance", "date"}));
  app.add_option("-f,--filter", filters,
                 "FIELD:VALUE, repeatable: source:NAME, author:NAME, tags:NAME or "
                 "date:FROM..TO (YYYY[-MM[-DD]]; either end may be left out); values of one "
                 "field are ORed, fields ANDed")
      ->allow_extra_args(false);
  app.add_option("--facet", facets,
                 "FIELD, repeatable: print the counts of source, author, tags or month "
                 "(default: source and month)")
      ->allow_extra_args(false);
  bool all_words = false;
  bool as_typed = false;
  app.add_flag("--all-words", all_words,
               "only documents with every word (default: those first, then those with some)");
  app.add_flag("--as-typed", as_typed,
               "never replace a query no document fully matches by its spelling correction");
  app.add_flag("--last-prefix", options.partial_last_word,
               "the last word is still being typed: it also finds the words it begins");
  app.add_flag("-j,--json", json, "print one JSON object instead of text (errors too)");
  app.add_flag("-e,--explain", explain, "show how the query was understood");
  app.add_option("query", words, "the query (words are joined by spaces)")->required();
  sift::cli::add_version_and_env(app, "sift-search");
  std::vector<std::string> args = query_words_last(argc, argv);
  std::reverse(args.begin() + 1, args.end());  // CLI11 takes them last-first
  args.erase(args.begin());
  if (const int done =
          sift::cli::parse(app, std::move(args), sift::cli::asks_for_json(argc, argv), kUsageError);
      done >= 0) {
    return done;
  }

  options.sort = sort == "date" ? sift::SortOrder::Date : sift::SortOrder::Relevance;
  options.graded = !all_words;
  options.auto_correct = !as_typed;
  for (const auto& f : filters) {
    const auto colon = f.find(':');
    if (colon == std::string::npos || colon == 0) {
      sift::cli::report_error(
          "sift-search", json, "Usage",
          fmt::format("--filter '{}' is not FIELD:VALUE (e.g. source:corpus)", f), kUsageError);
      return kUsageError;
    }
    options.filters.push_back({f.substr(0, colon), f.substr(colon + 1)});
  }
  std::string query;
  for (const auto& w : words) query += (query.empty() ? "" : " ") + w;

  // JSON keeps the library's HTML snippets; text gets bold on a terminal
  // that allows it, else bare words.
  if (!json) options.highlight = sift::cli::terminal_highlighting(stdout);
  open_options.remote_timeout = std::chrono::milliseconds(timeout_ms);
  sift::Searcher searcher(db, open_options);
  const sift::Results results = searcher.search(query, options);
  // The library counts every faceted field (the index format's field
  // registry): a name it did not count is not a facet.
  for (const std::string& name : facets) {
    if (results.facets.contains(name)) continue;
    std::string known;
    for (const auto& [field, values] : results.facets) known += (known.empty() ? "" : ", ") + field;
    sift::cli::report_error("sift-search", json, "Usage",
                            fmt::format("--facet '{}' is not a facet; use {}", name, known),
                            kUsageError);
    return kUsageError;
  }
  if (json) {
    fmt::print("{}\n", sift::examples::dump_json(sift::examples::results_to_json(results), 2));
  } else {
    if (facets.empty()) facets = {sift::field::kSource, sift::field::kMonth};
    print_human(results, explain, facets);
  }
  return 0;
} catch (const sift::Error& e) {
  const bool json = sift::cli::asks_for_json(argc, argv);
  sift::cli::report_error("sift-search", json, sift::to_string(e.code()), e.what(),
                          exit_code_for(e.code()));
  if (e.code() == sift::ErrorCode::NotFound && !json) {
    fmt::print(stderr, "sift-search: build an index first, e.g. sift-index --db DIR corpus/\n");
  }
  return exit_code_for(e.code());
} catch (const std::exception& e) {
  sift::cli::report_error("sift-search", sift::cli::asks_for_json(argc, argv), "Internal", e.what(),
                          1);
  return 1;
}
