// SPDX-License-Identifier: GPL-2.0-or-later
// sift-shards-bench: the cost and the gain of distribution.
//
//   sift-shards-bench [--docs N] [--queries N] [--rounds N] [--out FILE.md]
//
// 1. Indexing throughput with 1, 2 and 4 shards written in parallel (one
//    thread per shard; docs/s and MB/s of text), against one plain index.
// 2. Query latency p50/p99 over the same documents as 1 local index, 4
//    local shards, and 2 remote shards served by xapian-tcpsrv on 127.0.0.1,
//    with the same queries, and the ratios to 1 local index.
// Documents: corpus/ plus N generated from its words (fixed seed).  The
// result of every query is checked to be the same total in every layout, so
// a broken setup cannot look fast.  Servers are stopped on every exit path.
#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sift/sift.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// --- documents and queries (the algorithm of tests/shards/shard_fixtures.cc) ---

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 3) out.push_back(word);
      word.clear();
    }
  }
  return out;
}

std::vector<std::string> vocabulary(const std::vector<sift::Document>& docs) {
  std::map<std::string, std::size_t> counts;
  for (const auto& d : docs) {
    for (const auto& p : d.paragraphs) {
      for (const auto& w : words_of(p)) ++counts[w];
    }
  }
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (auto& [w, n] : sorted) out.push_back(w);
  return out;
}

std::size_t draw(std::mt19937_64& rng, std::size_t n) {
  return static_cast<std::size_t>(rng() % n);
}

std::vector<sift::Document> documents(const fs::path& corpus, std::size_t count) {
  std::vector<sift::Document> docs;
  sift::read_path(
      corpus, [&](sift::Document&& d) { docs.push_back(std::move(d)); },
      [](const sift::Rejection&) {});
  const std::vector<std::string> vocab = vocabulary(docs);
  static const char* const kSources[] = {"wire", "daily", "weekly", "blog", "radio"};
  std::mt19937_64 rng(20261126);
  const auto word = [&] {
    const double u = static_cast<double>(rng() >> 11) / 9007199254740992.0;
    return vocab[std::min(vocab.size() - 1, static_cast<std::size_t>(u * u * u * vocab.size()))];
  };
  for (std::size_t i = 0; i < count; ++i) {
    sift::Document d;
    d.id = "gen-" + std::to_string(i);
    for (std::size_t n = 3 + draw(rng, 6); n > 0; --n)
      d.title += (d.title.empty() ? "" : " ") + word();
    for (std::size_t p = 1 + draw(rng, 3); p > 0; --p) {
      std::string text;
      for (std::size_t n = 8 + draw(rng, 40); n > 0; --n)
        text += (text.empty() ? "" : " ") + word();
      d.paragraphs.push_back(text + ".");
    }
    d.source = kSources[draw(rng, 5)];
    char date[16];
    std::snprintf(date, sizeof date, "%04zu-%02zu-%02zu", 2023 + draw(rng, 2), 1 + draw(rng, 12),
                  1 + draw(rng, 28));
    d.date = date;
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<std::string> queries(const std::vector<sift::Document>& docs, std::size_t count) {
  const auto vocab = vocabulary(docs);
  std::mt19937_64 rng(7);
  const std::size_t lo = std::min<std::size_t>(20, vocab.size() / 4);
  const std::size_t hi = std::max(lo + 1, vocab.size() / 2);
  const auto word = [&] { return vocab[lo + draw(rng, hi - lo)]; };
  std::vector<std::string> out;
  for (std::size_t i = 0; out.size() < count; ++i) {
    switch (i % 5) {
      case 0:
        out.push_back(word());
        break;
      case 1:
        out.push_back(word() + " " + word());
        break;
      case 2:
        out.push_back(word() + " OR " + word());
        break;
      case 3:
        out.push_back("\"" + word() + " " + word() + "\" OR " + word());
        break;
      default:
        out.push_back(word().substr(0, 4) + "*");
        break;
    }
  }
  return out;
}

// --- xapian-tcpsrv on loopback -------------------------------------------------

class Server {
 public:
  Server(const fs::path& db, unsigned port) : port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 1);
      ::dup2(null, 2);
      const std::string p = std::to_string(port);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", p.c_str(),
               "--quiet", db.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setpgid(pid_, pid_);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  ~Server() {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  std::string address() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  unsigned port_;
};

// --- measurements ----------------------------------------------------------------

struct IndexRun {
  std::string layout;
  double seconds = 0;
  double cpu_seconds = 0;  // User + system time of the whole process.
  double docs_per_s = 0;
  double mb_per_s = 0;
};

std::size_t text_bytes(const std::vector<sift::Document>& docs) {
  std::size_t n = 0;
  for (const auto& d : docs) {
    n += d.title.size();
    for (const auto& p : d.paragraphs) n += p.size();
  }
  return n;
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

template <typename Fn>
IndexRun time_indexing(const std::string& layout, const std::vector<sift::Document>& docs,
                       Fn&& fn) {
  const double cpu_start = cpu_seconds();
  const auto start = Clock::now();
  fn();
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  return {layout, s, cpu_seconds() - cpu_start, static_cast<double>(docs.size()) / s,
          static_cast<double>(text_bytes(docs)) / 1e6 / s};
}

struct Latency {
  std::string layout;
  double p50_ms = 0;
  double p99_ms = 0;
};

Latency time_queries(const std::string& layout, sift::Searcher& searcher,
                     const std::vector<std::string>& qs, std::size_t rounds,
                     std::vector<std::size_t>& totals) {
  sift::SearchOptions options;
  options.snippets = true;
  std::vector<double> ms;
  for (const auto& q : qs) searcher.search(q, options);  // Warm the caches.
  for (std::size_t r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < qs.size(); ++i) {
      const auto start = Clock::now();
      const sift::Results res = searcher.search(qs[i], options);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (totals.size() <= i) totals.push_back(res.total);
      if (totals[i] != res.total) {
        throw std::runtime_error(layout + ": '" + qs[i] + "' found " + std::to_string(res.total) +
                                 " documents, not " + std::to_string(totals[i]));
      }
    }
  }
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) {
    return ms[std::min(ms.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  return {layout, at(0.50), at(0.99)};
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{
      "Indexing throughput over 1/2/4 shards and query latency over local and remote "
      "shards (see docs/SCALING.md).",
      "sift-shards-bench"};
  std::size_t count = 20000;
  std::size_t query_count = 200;
  std::size_t rounds = 3;
  std::string corpus = SIFT_CORPUS_DIR;
  std::string out;
  std::string work = "/tmp";
  unsigned base_port = 0;
  app.add_option("--docs", count, "Generated documents (besides corpus/)")->capture_default_str();
  app.add_option("--queries", query_count, "Queries per round")->capture_default_str();
  app.add_option("--rounds", rounds, "Timed rounds over the queries")->capture_default_str();
  app.add_option("--corpus", corpus, "Folder whose articles seed the generator")
      ->capture_default_str();
  app.add_option("--dir", work, "Where the indexes are written (e.g. /dev/shm: no disk waits)")
      ->capture_default_str();
  app.add_option("--out", out, "Also write the tables to this Markdown file");
  app.add_option("--port", base_port,
                 "First of two loopback ports for xapian-tcpsrv (default: random)");
  CLI11_PARSE(app, argc, argv);

  double load = 0;
  ::getloadavg(&load, 1);
  const auto docs = documents(corpus, count);
  const auto qs = queries(docs, query_count);
  std::string tmpl = (fs::path(work) / "sift-shards-bench-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr)
    throw std::runtime_error("cannot make a folder in " + work);
  const fs::path dir = tmpl;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  sift::IndexOptions options;
  options.batch_size = 0;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());

  std::vector<IndexRun> runs;
  runs.push_back(time_indexing("IndexWriter (1 index)", docs, [&] {
    sift::IndexWriter w(dir / "one", options);
    for (const auto& d : docs) w.add(d);
    w.commit();
  }));
  for (const std::size_t shards : {1, 2, 4}) {
    runs.push_back(
        time_indexing(fmt::format("{} shard{}", shards, shards > 1 ? "s" : ""), docs, [&] {
          sift::IndexWriter w(dir / fmt::format("s{}", shards), options, {.shards = shards});
          w.add_all(docs);
          w.commit();
        }));
  }

  if (base_port == 0) base_port = 20000 + static_cast<unsigned>(std::random_device{}() % 40000);
  const auto two = sift::shard_paths(dir / "s2");
  Server s0(two[0], base_port), s1(two[1], base_port + 1);
  std::vector<std::size_t> totals;
  std::vector<Latency> lat;
  {
    sift::Searcher a(dir / "one");
    lat.push_back(time_queries("1 local index", a, qs, rounds, totals));
    sift::Searcher b(dir / "s4");
    lat.push_back(time_queries("4 local shards", b, qs, rounds, totals));
    sift::SearcherOptions remote;
    remote.remote_timeout = std::chrono::milliseconds(5000);
    sift::Searcher c(std::vector<std::string>{s0.address(), s1.address()}, remote);
    lat.push_back(time_queries("2 remote shards (loopback)", c, qs, rounds, totals));
  }

  std::string md;
  md += fmt::format("Documents: {} ({:.1f} MB of text); {} cores; {} queries x {} rounds.\n\n",
                    docs.size(), static_cast<double>(text_bytes(docs)) / 1e6, cores, qs.size(),
                    rounds);
  md += fmt::format("Load average at the start: {:.1f} (other work on the machine).\n\n", load);
  md +=
      "| Indexing | seconds | CPU s | cores used | docs/s | MB/s | speed-up vs 1 shard |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n";
  const double one_shard = runs[1].docs_per_s;
  for (const auto& r : runs) {
    md += fmt::format("| {} | {:.1f} | {:.1f} | {:.2f} | {:.0f} | {:.2f} | {:.2f}x |\n", r.layout,
                      r.seconds, r.cpu_seconds, r.cpu_seconds / r.seconds, r.docs_per_s, r.mb_per_s,
                      r.docs_per_s / one_shard);
  }
  md +=
      "\n| Query latency | p50 ms | p99 ms | p50 ratio | p99 ratio |\n|---|---:|---:|---:|---:|\n";
  for (const auto& l : lat) {
    md += fmt::format("| {} | {:.2f} | {:.2f} | {:.2f}x | {:.2f}x |\n", l.layout, l.p50_ms,
                      l.p99_ms, l.p50_ms / lat[0].p50_ms, l.p99_ms / lat[0].p99_ms);
  }
  fmt::print("{}", md);
  if (!out.empty()) std::ofstream(out) << md;
  return 0;
} catch (const sift::Error& e) {
  fmt::print(stderr, "sift-shards-bench: {}\n", e.what());
  return 1;
} catch (const std::exception& e) {
  fmt::print(stderr, "sift-shards-bench: {}\n", e.what());
  return 1;
}
