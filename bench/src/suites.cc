// SPDX-License-Identifier: GPL-2.0-or-later
#include "suites.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "analysis/analyzer.h"
#include "corpus.h"
#include "engine.h"
#include "measure.h"
#include "queries.h"

namespace bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kMB = 1024.0 * 1024.0;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Everything the suites share.  Only the corpus being run is kept in memory:
// suites are registered corpus by corpus and run in that order.
class Workspace {
 public:
  explicit Workspace(Config config) : config_(std::move(config)) {
    for (auto& engine : make_engines()) engines_[std::string(engine->name())] = std::move(engine);
  }

  const Config& config() const { return config_; }

  Engine& engine(const std::string& name) {
    auto it = engines_.find(name);
    if (it == engines_.end()) throw std::runtime_error("unknown engine " + name);
    return *it->second;
  }

  const Corpus& corpus(const std::string& name) {
    if (!corpus_ || corpus_->name != name) {
      queries_.reset();
      corpus_.reset();
      opened_.clear();
      corpus_ = std::make_unique<Corpus>(load_corpus(config_.data_dir / (name + ".jsonl"), name));
    }
    return *corpus_;
  }

  const QuerySets& queries(const std::string& corpus_name) {
    const Corpus& c = corpus(corpus_name);
    if (!queries_) queries_ = std::make_unique<QuerySets>(make_query_sets(c, config_.per_class));
    return *queries_;
  }

  fs::path index_dir(const std::string& corpus_name, const std::string& engine_name) const {
    return config_.data_dir / "indexes" / corpus_name / engine_name;
  }

  // Marks the cached index of `engine_name` on `corpus_name` complete.
  void mark_ready(const std::string& corpus_name, const std::string& engine_name) {
    std::ofstream(index_dir(corpus_name, engine_name).string() + ".ready")
        << corpus(corpus_name).docs.size() << '\n';
    built_.insert(corpus_name + '/' + engine_name);
  }

  bool ready(const std::string& corpus_name, const std::string& engine_name) {
    if (built_.count(corpus_name + '/' + engine_name)) return true;
    if (config_.rebuild) return false;
    std::ifstream in(index_dir(corpus_name, engine_name).string() + ".ready");
    std::size_t docs = 0;
    return in >> docs && docs == corpus(corpus_name).docs.size();
  }

  // Builds (one thread), compacts and marks the index unless it is ready.
  void ensure_index(const std::string& corpus_name, Engine& engine) {
    const std::string name(engine.index_name());
    if (ready(corpus_name, name)) return;
    const fs::path dir = index_dir(corpus_name, name);
    fs::remove_all(dir);
    fs::create_directories(dir.parent_path());
    engine.build(corpus(corpus_name), dir, 1);
    engine.compact(dir);
    mark_ready(corpus_name, name);
  }

  // Opens the engine on the corpus' index (once per corpus).
  void open(const std::string& corpus_name, Engine& engine) {
    ensure_index(corpus_name, engine);
    const std::string name(engine.name());
    if (opened_.count(name)) return;
    engine.open(index_dir(corpus_name, std::string(engine.index_name())));
    opened_.insert(name);
  }

  void forget_open(const std::string& engine_name) { opened_.erase(engine_name); }

 private:
  Config config_;
  std::map<std::string, std::unique_ptr<Engine>> engines_;
  std::unique_ptr<Corpus> corpus_;
  std::unique_ptr<QuerySets> queries_;
  std::set<std::string> opened_;
  std::set<std::string> built_;
};

Workspace* workspace = nullptr;

// Runs `body(state)`, turning any exception into a benchmark error so one
// failing engine does not stop the others.
template <typename Body>
void guarded(benchmark::State& state, Body body) {
  try {
    body(state);
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  } catch (const Xapian::Error& error) {
    state.SkipWithError(error.get_description().c_str());
  }
}

// ---- analysis: text -> words/terms, no index ----------------------------

// Analysis speed does not depend on the corpus' size, so a large corpus is
// sampled: its first documents up to this many bytes of text (at 1M
// documents the whole text would cost a quarter of an hour per analyzer).
constexpr std::size_t kAnalysisSampleBytes = 64u << 20;

template <typename Analyze>
void time_analysis(benchmark::State& state, const Corpus& corpus, Analyze analyze) {
  std::size_t expected = 0, bytes = 0, docs = 0;
  while (docs < corpus.docs.size() && bytes < kAnalysisSampleBytes) {
    bytes += corpus.docs[docs].title.size() + corpus.docs[docs].body.size();
    ++docs;
  }
  for (auto _ : state) {
    std::size_t tokens = 0;
    for (std::size_t i = 0; i < docs; ++i) {
      tokens += analyze(corpus.docs[i].title);
      tokens += analyze(corpus.docs[i].body);
    }
    if (tokens == 0 || (expected && tokens != expected)) {
      state.SkipWithError(
          fmt::format("analysis produced {} tokens, expected {}", tokens, expected).c_str());
      break;
    }
    expected = tokens;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["tokens"] = static_cast<double>(expected);
  state.counters["sample_docs"] = static_cast<double>(docs);
}

void analysis_icu(benchmark::State& state, const std::string& corpus_name) {
  const Corpus& corpus = workspace->corpus(corpus_name);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no word break iterator");
  time_analysis(state, corpus, [&](const std::string& text) {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    words->setText(unicode);
    std::size_t n = 0;
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
      n += words->getRuleStatus() != UBRK_WORD_NONE;
    }
    return n;
  });
}

void analysis_xapian(benchmark::State& state, const std::string& corpus_name) {
  const Corpus& corpus = workspace->corpus(corpus_name);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  time_analysis(state, corpus, [&](const std::string& text) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    return static_cast<std::size_t>(doc.termlist_count());
  });
}

void analysis_sift(benchmark::State& state, const std::string& corpus_name) {
  const Corpus& corpus = workspace->corpus(corpus_name);
  sift::analysis::Analyzer analyzer;
  time_analysis(state, corpus, [&](const std::string& text) {
    std::size_t n = 0;
    analyzer.analyze(text, 1, [&](const sift::analysis::Token& token) {
      n += !analyzer.stem(token.text).empty();
    });
    return n;
  });
}

// ---- indexing: documents in memory -> durable index ---------------------

void indexing(benchmark::State& state, const std::string& corpus_name,
              const std::string& engine_name, int threads) {
  Engine& engine = workspace->engine(engine_name);
  if (engine.index_name() != engine.name()) {
    state.SkipWithError(("unsupported: a query variant of " + std::string(engine.index_name()) +
                         ", whose index it searches")
                            .c_str());
    return;
  }
  if (auto why = engine.unsupported_threads(threads); !why.empty()) {
    state.SkipWithError(("unsupported: " + why).c_str());
    return;
  }
  const Corpus& corpus = workspace->corpus(corpus_name);
  // One thread builds the cached index the query suites use; other thread
  // counts build a scratch index that is removed afterwards.
  const fs::path dir = threads == 1 ? workspace->index_dir(corpus_name, engine_name)
                                    : workspace->index_dir(corpus_name, engine_name + "-threads");
  IndexSize size;
  double compact_seconds = 0, peak = 0, cpu_seconds = 0;
  std::size_t uncompacted = 0;
  for (auto _ : state) {
    workspace->forget_open(engine_name);
    fs::remove_all(dir);
    fs::create_directories(dir.parent_path());
    release_free_memory();
    reset_peak_rss();
    const std::size_t baseline = current_rss();
    const double cpu_start = process_cpu_seconds();
    const auto start = Clock::now();
    engine.build(corpus, dir, threads);
    state.SetIterationTime(seconds_since(start));
    cpu_seconds = process_cpu_seconds() - cpu_start;
    peak = static_cast<double>(peak_rss() - std::min(peak_rss(), baseline));
    uncompacted = disk_bytes(dir);
    const auto compact_start = Clock::now();
    engine.compact(dir);
    compact_seconds = seconds_since(compact_start);
    size = engine.size(dir);
  }
  if (threads == 1) {
    workspace->mark_ready(corpus_name, engine_name);
  } else {
    fs::remove_all(dir);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus.text_bytes));
  state.counters["docs_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.docs.size()), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak / kMB;
  state.counters["raw_mb"] = static_cast<double>(uncompacted) / kMB;
  state.counters["index_mb"] = static_cast<double>(size.total) / kMB;
  state.counters["postings_mb"] = static_cast<double>(size.postings) / kMB;
  state.counters["stored_mb"] = static_cast<double>(size.stored) / kMB;
  state.counters["compact_s"] = compact_seconds;
  // CPU seconds of all threads: on a shared machine, MB per CPU second is
  // steadier than MB per wall second.
  state.counters["cpu_s"] = cpu_seconds;
  state.counters["mb_per_cpu_s"] =
      static_cast<double>(corpus.text_bytes) / kMB / std::max(cpu_seconds, 1e-9);
  state.counters["docs"] = static_cast<double>(corpus.docs.size());
}

// ---- queries ------------------------------------------------------------

// Wall-clock latency percentiles (what a user waits), the same for the
// thread's CPU time (steadier when other jobs share the machine), and the
// query rate.
void report_latency(benchmark::State& state, std::vector<double>& micros,
                    std::vector<double>& cpu_micros) {
  state.counters["p50_us"] = percentile(micros, 50);
  state.counters["p90_us"] = percentile(micros, 90);
  state.counters["p99_us"] = percentile(micros, 99);
  state.counters["cpu_p50_us"] = percentile(cpu_micros, 50);
  state.counters["cpu_p99_us"] = percentile(cpu_micros, 99);
  state.counters["qps"] =
      benchmark::Counter(static_cast<double>(micros.size()), benchmark::Counter::kIsRate);
}

void querying(benchmark::State& state, const std::string& corpus_name,
              const std::string& engine_name, QueryClass kind, bool snippets) {
  Engine& engine = workspace->engine(engine_name);
  if (auto why = engine.unsupported(kind); !why.empty()) {
    state.SkipWithError(("unsupported: " + why).c_str());
    return;
  }
  if (auto why = engine.unsupported_snippets(); snippets && !why.empty()) {
    state.SkipWithError(("unsupported: " + why).c_str());
    return;
  }
  const auto& queries = workspace->queries(corpus_name).of(kind);
  if (queries.empty()) {
    state.SkipWithError("the corpus is too small for this class");
    return;
  }
  workspace->open(corpus_name, engine);
  const std::size_t k = workspace->config().k;
  // Setup: one untimed run of every query records its hit count, which every
  // timed run must reproduce.
  std::vector<std::size_t> expected;
  std::size_t found = 0;
  for (const Query& q : queries) {
    expected.push_back(engine.search(q, k, snippets).hits);
    found += expected.back() > 0;
  }
  if (found * 2 < queries.size()) {
    state.SkipWithError(
        fmt::format("broken: only {} of {} queries found anything", found, queries.size()).c_str());
    return;
  }
  std::vector<double> micros, cpu_micros;
  micros.reserve(state.max_iterations);
  cpu_micros.reserve(state.max_iterations);
  std::size_t i = 0, snippet_bytes = 0;
  for (auto _ : state) {
    const Query& q = queries[i % queries.size()];
    const double cpu_start = thread_cpu_seconds();
    const auto start = Clock::now();
    const SearchResult result = engine.search(q, k, snippets);
    micros.push_back(seconds_since(start) * 1e6);
    cpu_micros.push_back((thread_cpu_seconds() - cpu_start) * 1e6);
    if (result.hits != expected[i % queries.size()]) {
      state.SkipWithError(fmt::format("{} returned {} hits, {} before", q.describe(), result.hits,
                                      expected[i % queries.size()])
                              .c_str());
      break;
    }
    snippet_bytes += result.snippet_bytes;
    ++i;
  }
  report_latency(state, micros, cpu_micros);
  state.counters["found"] = static_cast<double>(found) / static_cast<double>(queries.size());
  if (snippets)
    state.counters["snippet_bytes"] =
        static_cast<double>(snippet_bytes) / static_cast<double>(std::max<std::size_t>(i, 1));
}

void suggesting(benchmark::State& state, const std::string& corpus_name,
                const std::string& engine_name) {
  Engine& engine = workspace->engine(engine_name);
  const auto& words = workspace->queries(corpus_name).misspellings;
  if (words.empty()) {
    state.SkipWithError("the corpus is too small for misspellings");
    return;
  }
  workspace->open(corpus_name, engine);
  // Quality, untimed: how often the suggestion is the word the typo came
  // from, and how often a correctly spelled word gets one (a false alarm).
  std::vector<bool> expected;
  std::size_t suggested = 0, corrected = 0, false_alarms = 0;
  for (const auto& m : words) {
    const auto suggestion = engine.suggest(m.typo);
    expected.push_back(suggestion.has_value());
    suggested += expected.back();
    corrected += suggestion == m.word;
  }
  const auto& correct = workspace->queries(corpus_name).correct_words;
  for (const auto& word : correct) false_alarms += engine.suggest(word).has_value();
  std::vector<double> micros, cpu_micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const double cpu_start = thread_cpu_seconds();
    const auto start = Clock::now();
    const bool got = engine.suggest(words[i % words.size()].typo).has_value();
    micros.push_back(seconds_since(start) * 1e6);
    cpu_micros.push_back((thread_cpu_seconds() - cpu_start) * 1e6);
    if (got != expected[i % words.size()]) {
      state.SkipWithError(
          fmt::format("suggestion for {} changed between runs", words[i % words.size()].typo)
              .c_str());
      break;
    }
    ++i;
  }
  report_latency(state, micros, cpu_micros);
  const auto share = [](std::size_t n, std::size_t of) {
    return static_cast<double>(n) / static_cast<double>(std::max<std::size_t>(of, 1));
  };
  state.counters["suggested"] = share(suggested, words.size());
  state.counters["corrected"] = share(corrected, words.size());
  state.counters["false_alarms"] = share(false_alarms, correct.size());
  state.counters["typos"] = static_cast<double>(words.size());
  state.counters["correct_words"] = static_cast<double>(correct.size());
}

// Classes also timed with snippets.
const std::vector<QueryClass> kSnippetClasses = {
    QueryClass::Medium, QueryClass::Common, QueryClass::And, QueryClass::Phrase, QueryClass::Mix};

}  // namespace

void register_suites(const Config& config) {
  static Workspace instance(config);
  workspace = &instance;
  const auto iterations = static_cast<benchmark::IterationCount>(config.per_class * config.rounds);
  for (const std::string& c : config.corpora) {
    const auto analysis = [&](const std::string& name,
                              void (*fn)(benchmark::State&, const std::string&)) {
      benchmark::RegisterBenchmark(
          fmt::format("analysis/{}/{}", c, name).c_str(),
          [c, fn](benchmark::State& s) { guarded(s, [&](auto& st) { fn(st, c); }); })
          ->Unit(benchmark::kMillisecond)
          ->MinTime(0.5)
          ->UseRealTime();
    };
    analysis("icu_wordbreak", analysis_icu);
    analysis("xapian_termgenerator", analysis_xapian);
    analysis("sift_analyzer", analysis_sift);

    for (int threads : config.threads) {
      for (const std::string& e : config.engines) {
        benchmark::RegisterBenchmark(fmt::format("index/{}/{}/threads:{}", c, e, threads).c_str(),
                                     [c, e, threads](benchmark::State& s) {
                                       guarded(s, [&](auto& st) { indexing(st, c, e, threads); });
                                     })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(1)
            ->UseManualTime();
      }
    }
    for (bool snippets : {false, true}) {
      for (QueryClass kind : all_classes()) {
        if (snippets && std::find(kSnippetClasses.begin(), kSnippetClasses.end(), kind) ==
                            kSnippetClasses.end()) {
          continue;
        }
        for (const std::string& e : config.engines) {
          benchmark::RegisterBenchmark(
              fmt::format("{}/{}/{}/{}", snippets ? "snippets" : "query", c, e, class_name(kind))
                  .c_str(),
              [c, e, kind, snippets](benchmark::State& s) {
                guarded(s, [&](auto& st) { querying(st, c, e, kind, snippets); });
              })
              ->Unit(benchmark::kMicrosecond)
              ->Iterations(iterations)
              ->UseRealTime();
        }
      }
    }
    for (const std::string& e : config.engines) {
      if (!workspace->engine(e).has_suggestions()) continue;
      benchmark::RegisterBenchmark(
          fmt::format("suggest/{}/{}", c, e).c_str(),
          [c, e](benchmark::State& s) { guarded(s, [&](auto& st) { suggesting(st, c, e); }); })
          ->Unit(benchmark::kMicrosecond)
          ->Iterations(iterations)
          ->UseRealTime();
    }
  }
}

}  // namespace bench
