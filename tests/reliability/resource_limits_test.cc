// SPDX-License-Identifier: GPL-2.0-or-later
// sift-index under a memory limit (RLIMIT_AS, as `ulimit -v`) and a
// file-size limit (RLIMIT_FSIZE, as `ulimit -f`), run as a separate
// program: it must fail with a clear error and exit status 3, never die of
// a signal, and leave the index at its last commit, passing xapian-check.
//
// Under ASan or TSan the shadow memory makes RLIMIT_AS meaningless, so the
// memory tests are skipped there.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>

#include "reliability_util.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;

constexpr int kIndexFailed = 3;  // sift-index's exit status when writing failed.

// A JSONL file of `docs` documents of `words` random words each, so the
// index grows with it; returns its path.
fs::path write_input(const fs::path& dir, int docs, int words) {
  std::mt19937 rng(42);
  std::string text;
  for (int d = 0; d < docs; ++d) {
    text += R"({"id":"in)" + std::to_string(d) + R"(","title":"Input )" + std::to_string(d) +
            R"(","body":")";
    for (int w = 0; w < words; ++w) {
      std::string word;
      const int len = 4 + static_cast<int>(rng() % 6);
      for (int i = 0; i < len; ++i) word += static_cast<char>('a' + rng() % 26);
      text += word + ' ';
    }
    text += "\"}\n";
  }
  const fs::path file = dir / "input.jsonl";
  testing::write_file(file, text);
  return file;
}

// Seeds `index` with five committed documents; returns their ids.
std::set<std::string> seed(const fs::path& index) {
  IndexWriter writer(index);
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const std::string id = "seed" + std::to_string(i);
    writer.add(reliability::make_doc(id, "committed text number " + std::to_string(i)));
    ids.insert(id);
  }
  writer.commit();
  return ids;
}

// The index opens, holds every seed document and nothing but seed and
// input documents, and passes xapian-check.  @return the stored count.
std::size_t expect_intact(const fs::path& index, const std::set<std::string>& seeds,
                          const std::string& trial) {
  const std::set<std::string> ids = reliability::stored_ids(index);
  for (const std::string& id : seeds) EXPECT_TRUE(ids.contains(id)) << trial << ": lost " << id;
  for (const std::string& id : ids) {
    EXPECT_TRUE(seeds.contains(id) || id.starts_with("in")) << trial << ": stray " << id;
  }
  std::string check;
  EXPECT_EQ(reliability::xapian_check(index, &check), 0) << trial << ": " << check;
  return ids.size();
}

TEST(ReliabilityResourceLimits, FileSizeLimitIsAnIOErrorNamingTheIndex) {
  testing::TempDir tmp;
  const fs::path index = tmp / "index";
  const std::set<std::string> seeds = seed(index);
  const fs::path input = write_input(tmp.path(), 3000, 150);
  // 1 MB: a few batches of 250 fit, then a write fails with EFBIG.
  const reliability::LimitedRun run = reliability::run_limited(
      {reliability::sift_index_program(), "--db", index.string(), "--batch", "250", input.string()},
      RLIMIT_FSIZE, 1ul << 20, 120 * reliability::sanitizer_factor());
  reliability::report("sift-index under RLIMIT_FSIZE 1 MB",
                      run.how() + ": " + run.err.substr(0, run.err.find('\n')));
  EXPECT_EQ(run.signal, 0) << run.how() << "\n" << run.err;
  EXPECT_EQ(run.exit_code, kIndexFailed) << run.how() << "\n" << run.err;
  EXPECT_NE(run.err.find(index.string()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("File too large"), std::string::npos) << run.err;
  const std::size_t stored = expect_intact(index, seeds, "RLIMIT_FSIZE");
  EXPECT_EQ((stored - seeds.size()) % 250, 0u) << stored << ": part of a batch was committed";
}

TEST(ReliabilityResourceLimits, MemoryLimitIsAnErrorAndNothingHalfMadeIsCommitted) {
  if (reliability::under_sanitizer()) {
    GTEST_SKIP() << "RLIMIT_AS means nothing under a sanitizer's shadow memory";
  }
  testing::TempDir tmp;
  const fs::path pristine = tmp / "pristine";
  const std::set<std::string> seeds = seed(pristine);
  const fs::path input = write_input(tmp.path(), 1500, 60);
  // One batch for the whole run, so memory grows until the single commit
  // (about 140 MB of address space for these 1,500 documents).
  const std::vector<std::string> base = {reliability::sift_index_program(), "--batch", "100000"};
  int trials = 0, ok = 0, out_of_memory = 0, other = 0;
  std::string others;
  for (unsigned long mb = 44; mb <= 164; mb += 4) {
    const fs::path index = tmp / ("index" + std::to_string(mb));
    fs::copy(pristine, index);
    std::vector<std::string> argv = base;
    argv.insert(argv.end(), {"--db", index.string(), input.string()});
    const reliability::LimitedRun run = reliability::run_limited(argv, RLIMIT_AS, mb << 20, 120);
    const std::string trial = "RLIMIT_AS " + std::to_string(mb) + " MB";
    ++trials;
    EXPECT_EQ(run.signal, 0) << trial << ": " << run.how() << "\n" << run.err;
    EXPECT_FALSE(run.timed_out) << trial;
    if (run.exit_code == 0) {
      ++ok;
    } else if (run.exit_code == kIndexFailed &&
               run.err.find("out of memory") != std::string::npos) {
      ++out_of_memory;
    } else {
      ++other;
      others += "\n" + trial + ": " + run.how() + ": " + run.err.substr(0, 300);
    }
    const std::size_t stored = expect_intact(index, seeds, trial);
    if (run.exit_code != 0) {
      EXPECT_EQ(stored, seeds.size()) << trial << ": a failed run committed documents";
    }
    fs::remove_all(index);
  }
  reliability::report("sift-index under RLIMIT_AS 44-164 MB",
                      std::to_string(trials) + " trials: ok " + std::to_string(ok) +
                          ", out of memory " + std::to_string(out_of_memory) + ", other " +
                          std::to_string(other) + others.substr(0, 600));
  EXPECT_GT(out_of_memory, 0) << "no limit was low enough to matter";
  EXPECT_GT(ok, 0) << "no limit was high enough to index";
}

TEST(ReliabilityResourceLimits, AHugeDocumentIsRejectedNamingItsFileWithinBoundedMemory) {
  if (reliability::under_sanitizer()) {
    GTEST_SKIP() << "RLIMIT_AS means nothing under a sanitizer's shadow memory";
  }
  testing::TempDir tmp;
  const fs::path index = tmp / "index";
  const std::set<std::string> seeds = seed(index);
  // 1,000,000 distinct short lines (16 MB; it took 1.2 GB before the
  // paragraph bound), and 2,000 lines of 150 distinct words (300,000 words).
  std::string lines = "Many lines\n\n";
  for (int i = 0; i < 1'000'000; ++i) lines += "line " + std::to_string(i) + " x\n";
  testing::write_file(tmp / "in" / "lines.txt", lines);
  std::string words = "Many words\n\n";
  for (int l = 0, n = 0; l < 2000; ++l, words += '\n') {
    for (int i = 0; i < 150; ++i, ++n) words += "w" + std::to_string(n) + "q ";
  }
  testing::write_file(tmp / "in" / "words.txt", words);
  const reliability::LimitedRun run = reliability::run_limited(
      {reliability::sift_index_program(), "--db", index.string(), (tmp / "in").string()}, RLIMIT_AS,
      400ul << 20, 120);
  reliability::report("sift-index, 1M distinct lines and 300k distinct words, RLIMIT_AS 400 MB",
                      run.how() + ": " + run.out.substr(0, 400));
  EXPECT_EQ(run.signal, 0) << run.how() << "\n" << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.how() << "\n" << run.out << run.err;
  EXPECT_NE(run.out.find((tmp / "in" / "lines.txt").string() +
                         ": document 'lines': 1000000 paragraphs; the limit is 100000"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find((tmp / "in" / "words.txt").string() +
                         ": more than 200000 distinct words; the limit per document is 200000"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(expect_intact(index, seeds, "huge documents"), seeds.size());
}

}  // namespace
}  // namespace sift
