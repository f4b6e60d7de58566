// SPDX-License-Identifier: GPL-2.0-or-later
// Ten lines a user writes: index one document, find it again.
#include <sift/sift.h>

#include <filesystem>
#include <iostream>

int main(int, char** argv) try {
  const std::filesystem::path dir = std::filesystem::path(argv[0]).parent_path() / "consumer-index";
  std::filesystem::remove_all(dir);
  {
    sift::IndexWriter writer(dir);
    writer.add({.id = "a1", .title = "Hello", .paragraphs = {"Searching from another project."}});
  }
  sift::Searcher searcher(dir);
  const auto results = searcher.search("searches project");
  std::cout << "sift " << sift::version() << ": " << results.hits.size() << " hit(s)\n";
  return results.hits.size() == 1 && results.hits[0].id == "a1" ? 0 : 1;
} catch (const sift::Error& e) {
  std::cerr << e.what() << "\n";
  return 1;
}
