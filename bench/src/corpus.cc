// SPDX-License-Identifier: GPL-2.0-or-later
#include "corpus.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace bench {

Corpus load_corpus(const std::filesystem::path& path, std::string name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(fmt::format(
        "cannot open corpus {} (run bench/run.sh to build the corpora)", path.string()));
  }
  Corpus corpus;
  corpus.name = std::move(name);
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    try {
      const auto object = nlohmann::json::parse(line);
      Doc doc{object.at("id").get<std::string>(), object.value("title", ""),
              object.value("body", ""), object.value("source", ""), object.value("date", "")};
      corpus.text_bytes += doc.title.size() + doc.body.size();
      corpus.docs.push_back(std::move(doc));
    } catch (const nlohmann::json::exception& error) {
      throw std::runtime_error(fmt::format("{}:{}: not a corpus document: {}", path.string(),
                                           line_number, error.what()));
    }
  }
  if (corpus.docs.empty()) {
    throw std::runtime_error(fmt::format("corpus {} has no documents", path.string()));
  }
  return corpus;
}

}  // namespace bench
