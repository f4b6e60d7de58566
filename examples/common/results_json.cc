// SPDX-License-Identifier: GPL-2.0-or-later
#include "results_json.h"

#include <map>
#include <string>
#include <vector>

namespace sift::examples {

nlohmann::ordered_json facets_to_json(const Results& r) {
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const char* name : {field::kSource, field::kMonth}) {
    facets[name] = nlohmann::ordered_json::object();
  }
  for (const auto& [name, values] : r.facets) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const FacetValue& v : values) counts[v.value] = v.count;
    facets[name] = std::move(counts);
  }
  return facets;
}

nlohmann::ordered_json keywords_to_json(const std::map<std::string, std::vector<std::string>>& k) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, values] : k) out[name] = values;
  return out;
}

nlohmann::ordered_json results_to_json(const Results& r) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const auto& h : r.hits) {
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"title", h.title},
                    {"title_highlighted", h.title_highlighted},
                    {"score", h.score},
                    {"snippet", h.snippet},
                    {"path", h.path},
                    {"url", h.url},
                    {"author", h.author},
                    {"date", h.date},
                    {"source", h.source},
                    {"keywords", keywords_to_json(h.keywords)},
                    {"all_words", h.all_words}});
  }
  return {{"query", r.query},
          {"explanation",
           {{"parsed", r.explanation.parsed},
            {"xapian", r.explanation.xapian},
            {"expansions", r.explanation.expansions}}},
          {"total", r.total},
          {"offset", r.offset},
          {"limit", r.limit},
          {"ran", r.ran},
          {"auto_corrected", r.auto_corrected},
          {"suggestion",
           r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nlohmann::ordered_json(nullptr)},
          {"warnings", r.warnings},
          {"hits", hits},
          {"facets", facets_to_json(r)},
          {"cut_short", r.cut_short},
          {"elapsed_us", r.elapsed.count()}};
}

std::string dump_json(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace sift::examples
