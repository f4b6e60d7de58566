// SPDX-License-Identifier: GPL-2.0-or-later
// Paths become ids and provenance in one spelling (index/prune_paths.h,
// source_path): re-indexing the same folder as `root/./`, `root/`,
// `root/sub/..` or through a symbolic link finds every document unchanged,
// and pruning through any spelling removes exactly what is gone.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "reliability_util.h"
#include "sift/index_writer.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;

TEST(ReliabilityPaths, EverySpellingOfTheRootFindsTheDocumentsUnchanged) {
  testing::TempDir tmp;
  const fs::path root = tmp / "root";
  testing::write_file(root / "a.txt", "Alpha\n\nThe first article.\n");
  testing::write_file(root / "sub" / "b.txt", "Beta\n\nThe second article.\n");
  testing::write_file(root / "c.jsonl", R"({"id":"c1","title":"C","body":"third"})"
                                        "\n");
  fs::create_directory_symlink(root, tmp / "link");
  IndexWriter writer(tmp / "index");
  ASSERT_EQ(writer.index_paths({root}).added, 3u);
  int spellings = 0;
  for (const fs::path& spelling : {root / "." / "", root / "", root / "sub" / "..", tmp / "link",
                                   tmp / "link" / ".", fs::relative(root)}) {
    const IndexReport report = writer.index_paths({spelling}, /*prune=*/true);
    EXPECT_EQ(report.unchanged, 3u) << spelling;
    EXPECT_EQ(report.added + report.replaced + report.removed, 0u) << spelling;
    ++spellings;
  }
  // Pruning through a spelling removes only what is gone.
  fs::remove(root / "sub" / "b.txt");
  const IndexReport pruned = writer.index_paths({tmp / "link" / "." / ""}, /*prune=*/true);
  EXPECT_EQ(pruned.removed, 1u);
  EXPECT_EQ(pruned.unchanged, 2u);
  reliability::report("root spellings re-indexed",
                      std::to_string(spellings) + " spellings, every document unchanged");
}

}  // namespace
}  // namespace sift
