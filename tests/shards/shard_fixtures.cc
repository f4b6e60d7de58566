// SPDX-License-Identifier: GPL-2.0-or-later
#include "shard_fixtures.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "support/test_support.h"

namespace sift::testing {
namespace {

// Lower-case ASCII words of at least 3 letters, in order of appearance.
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

// Distinct words of `docs` by falling frequency (ties alphabetical).
std::vector<std::string> vocabulary(const std::vector<Document>& docs) {
  std::map<std::string, std::size_t> counts;
  for (const Document& doc : docs) {
    for (const std::string& p : doc.paragraphs) {
      for (const std::string& w : words_of(p)) ++counts[w];
    }
  }
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (auto& [w, n] : sorted) out.push_back(w);
  return out;
}

// A portable draw in [0, n): std::uniform_int_distribution differs between
// standard libraries, the raw engine does not.
std::size_t draw(std::mt19937_64& rng, std::size_t n) {
  return static_cast<std::size_t>(rng() % n);
}

}  // namespace

std::vector<Document> corpus_documents() {
  std::vector<Document> docs;
  read_path(
      corpus_dir(), [&](Document&& d) { docs.push_back(std::move(d)); },
      [](const Rejection& r) { throw std::runtime_error(r.message()); });
  return docs;
}

std::vector<Document> generated_corpus(std::size_t count, std::uint64_t seed) {
  const std::vector<std::string> vocab = vocabulary(corpus_documents());
  static const char* const kSources[] = {"wire", "daily", "weekly", "blog", "radio"};
  std::mt19937_64 rng(seed);
  std::vector<Document> docs;
  docs.reserve(count);
  const auto word = [&] {
    // u^3 favours frequent words: a long-tailed, Zipf-like distribution.
    const double u = static_cast<double>(rng() >> 11) / 9007199254740992.0;
    return vocab[std::min(vocab.size() - 1, static_cast<std::size_t>(u * u * u * vocab.size()))];
  };
  for (std::size_t i = 0; i < count; ++i) {
    Document d;
    d.id = "gen-" + std::to_string(i);
    for (std::size_t n = 3 + draw(rng, 6); n > 0; --n)
      d.title += (d.title.empty() ? "" : " ") + word();
    const std::size_t paragraphs = 1 + draw(rng, 3);
    for (std::size_t p = 0; p < paragraphs; ++p) {
      std::string text;
      for (std::size_t n = 8 + draw(rng, 40); n > 0; --n)
        text += (text.empty() ? "" : " ") + word();
      d.paragraphs.push_back(text + ".");
    }
    d.source = kSources[draw(rng, 5)];
    if (draw(rng, 10) != 0) {
      char date[16];
      std::snprintf(date, sizeof date, "%04zu-%02zu-%02zu", 2023 + draw(rng, 2), 1 + draw(rng, 12),
                    1 + draw(rng, 28));
      d.date = date;
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<QueryCase> query_mix(const std::vector<Document>& docs, std::size_t per_class) {
  const std::vector<std::string> vocab = vocabulary(docs);
  std::mt19937_64 rng(7);
  // Mid-frequency words: neither stop-word-like nor unique.
  const std::size_t lo = std::min<std::size_t>(20, vocab.size() / 4);
  const std::size_t hi = std::max(lo + 1, vocab.size() / 2);
  const auto word = [&] { return vocab[lo + draw(rng, hi - lo)]; };
  const auto doc_words = [&]() {
    for (;;) {
      const Document& d = docs[draw(rng, docs.size())];
      auto w = words_of(d.paragraphs[draw(rng, d.paragraphs.size())]);
      if (w.size() >= 3) return w;
    }
  };
  static const char* const kSynonyms[] = {
      "kiev", "kyiv", "defence", "zelensky", "usa", "\"united states\"", "stoltenberg"};
  std::vector<QueryCase> out;
  const auto add = [&](std::string q, const std::string& label, SearchOptions o = {}) {
    o.limit = 20;
    out.push_back({std::move(q), o, label});
  };
  for (std::size_t i = 0; i < per_class; ++i) {
    add(word(), "word");
    add(word() + " " + word(), "and");
    add(word() + " OR " + word(), "or");
    add(word() + " -" + word(), "not");
    {
      auto w = doc_words();
      const std::size_t k = draw(rng, w.size() - 1);
      add("\"" + w[k] + " " + w[k + 1] + "\"", "phrase");
    }
    add(word() + " NEAR " + word(), "near");
    {
      std::string w = word();
      add(w.substr(0, std::min<std::size_t>(w.size(), 4)) + "*", "wildcard");
    }
    {
      auto w = words_of(docs[draw(rng, docs.size())].title);
      add("title:" + (w.empty() ? word() : w[draw(rng, w.size())]), "title");
    }
    add(std::string(kSynonyms[i % std::size(kSynonyms)]) + (i % 2 ? " " + word() : ""), "synonym");
    {
      std::string w;
      do w = word();
      while (w.size() < 6);
      std::swap(w[2], w[3]);  // A transposition: a misspelling to suggest for.
      add(w, "misspelling");
    }
    {
      SearchOptions o;
      const Document& d = docs[draw(rng, docs.size())];
      o.filters.push_back({"source", d.source});
      if (i % 2) o.filters.push_back({"date", "2023-06-01..2024-06-30"});
      add(word(), "filter", o);
    }
    {
      SearchOptions o;
      o.sort = SortOrder::Date;
      add(word() + " OR " + word(), "date-sort", o);
    }
  }
  return out;
}

void expect_same_results(const Results& a, const Results& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.total_lower, b.total_lower);
  EXPECT_EQ(a.total_upper, b.total_upper);
  EXPECT_EQ(a.facets, b.facets);
  EXPECT_EQ(a.suggestion, b.suggestion);
  EXPECT_EQ(a.warnings, b.warnings);
  EXPECT_EQ(a.explanation.xapian, b.explanation.xapian);
  ASSERT_EQ(a.hits.size(), b.hits.size());
  const bool by_date = !a.hits.empty() && a.hits.front().score == 0 && b.hits.front().score == 0;
  // Runs of equal sort keys: score, or date when sorted by date.
  const auto key_equal = [&](const Hit& x, const Hit& y) {
    return by_date ? x.date == y.date : std::fabs(x.score - y.score) <= 1e-9;
  };
  std::size_t start = 0;
  while (start < a.hits.size()) {
    std::size_t end = start + 1;
    while (end < a.hits.size() && key_equal(a.hits[end], a.hits[start])) ++end;
    std::multiset<std::string> ids_a, ids_b;
    for (std::size_t i = start; i < end; ++i) {
      EXPECT_NEAR(a.hits[i].score, b.hits[i].score, 1e-9) << "rank " << i + 1;
      if (by_date) {
        EXPECT_EQ(a.hits[i].date, b.hits[i].date) << "rank " << i + 1;
      }
      ids_a.insert(a.hits[i].id);
      ids_b.insert(b.hits[i].id);
    }
    const bool cut = end == a.hits.size() && a.offset + a.hits.size() < a.total;
    if (!cut) {
      EXPECT_EQ(ids_a, ids_b) << "ranks " << start + 1 << "-" << end;
    }
    if (end - start == 1 && !cut) {
      EXPECT_EQ(a.hits[start].snippet, b.hits[start].snippet) << "rank " << start + 1;
    }
    start = end;
  }
}

// --- TcpServer ---------------------------------------------------------------

namespace {

// A port the kernel just handed out on 127.0.0.1 (free a moment ago).
unsigned pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind 127.0.0.1:0");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(unsigned port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

TcpServer::TcpServer(const std::filesystem::path& db) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    port_ = pick_free_port();
    const std::string port = std::to_string(port_);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      ::setpgid(0, 0);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
      // Loopback only, never --writable (see docs/SCALING.md).
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(),
               "--quiet", db.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setpgid(pid, pid);  // Also here: no race with the child's own call.
    pgid_ = pid;
#ifdef SIFT_TCPSRV_PID_DIR
    pid_file_ = std::filesystem::path(SIFT_TCPSRV_PID_DIR) / std::to_string(pgid_);
    write_file(pid_file_, std::to_string(pgid_) + "\n");
#endif
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) break;  // Exited: port taken, or no program.
      if (accepts(port_)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
  }
  throw std::runtime_error("cannot start xapian-tcpsrv for " + db.string() +
                           " (is xapian-tools installed?)");
}

TcpServer::~TcpServer() {
  kill();
}

std::string TcpServer::address() const {
  return "tcp://127.0.0.1:" + std::to_string(port_);
}

void TcpServer::pause() {
  if (pgid_ > 0) ::kill(-pgid_, SIGSTOP);
}

void TcpServer::resume() {
  if (pgid_ > 0) ::kill(-pgid_, SIGCONT);
}

void TcpServer::kill() {
  if (pgid_ <= 0) return;
  ::kill(-pgid_, SIGCONT);
  ::kill(-pgid_, SIGKILL);
  int status = 0;
  ::waitpid(pgid_, &status, 0);
  pgid_ = -1;
  if (!pid_file_.empty()) {
    std::error_code ec;
    std::filesystem::remove(pid_file_, ec);
    pid_file_.clear();
  }
}

}  // namespace sift::testing
