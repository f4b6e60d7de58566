// SPDX-License-Identifier: GPL-2.0-or-later
// hello: index three short articles in a temporary folder and search them.
#include <sift/sift.h>

#include <CLI/CLI.hpp>
#include <array>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli_conventions.h"

int main(int argc, char** argv) try {
  CLI::App app{"Index three short articles in a temporary folder and search them.", "hello"};
  std::string query = "striking";
  app.add_option("query", query, "what to search for")->capture_default_str();
  app.set_version_flag("-V,--version", "hello (sift) " + std::string(sift::version()));
  if (const int done = sift::cli::parse(app, argc, argv, false, 2); done >= 0) return done;
  const auto tag = std::chrono::steady_clock::now().time_since_epoch().count();
  const auto dir = std::filesystem::temp_directory_path() / ("sift-hello-" + std::to_string(tag));
  {
    sift::IndexWriter writer(dir);
    for (const auto& [id, title, body] :
         {std::array<std::string, 3>{"nato", "NATO chief backs strikes",
                                     "Stoltenberg says Kyiv may strike targets inside Russia."},
          {"jets", "Belgium pledges F-16 jets", "Thirty F-16 jets will reach Ukraine by 2028."},
          {"talks", "Allies meet", "The U.S. and its allies discussed support for Ukraine."}}) {
      sift::Document doc;
      doc.id = id;
      doc.title = title;
      doc.paragraphs = {body};
      writer.add(doc);
    }
  }  // The writer commits and releases its lock here.
  // Snippets as plain text: matched words in bold on a terminal that allows
  // it, else in [brackets] (the default is HTML with <mark>, for web pages).
  sift::SearchOptions options;
  options.highlight = sift::cli::terminal_highlighting(stdout, "[", "]");
  const sift::Results results = sift::Searcher(dir).search(query, options);
  std::filesystem::remove_all(dir);
  std::cout << results.total << " hit(s) for \"" << query << "\"\n";
  for (const sift::Hit& hit : results.hits) {
    std::cout << hit.rank << ". " << hit.title_highlighted << " (" << hit.id << ")\n   "
              << hit.snippet << "\n";
  }
} catch (const sift::Error& e) {
  std::cerr << "hello: " << e.what() << "\n";
  return 1;
}
