// SPDX-License-Identifier: GPL-2.0-or-later
// examples/common/results_json: the hits' keyword fields in the one JSON
// object of sift-search --json and sift-serve's API.  The shipped registry
// stores no keyword field, so the programs' own tests see only the empty
// object; the values are checked here on hand-made results.
#include "results_json.h"

#include <gtest/gtest.h>

#include <string>

namespace sift::examples {
namespace {

TEST(ResultsJson, HitsCarryTheirStoredKeywordsByField) {
  Results r;
  Hit with;
  with.id = "a";
  with.keywords = {{"region", {"eu", "us"}}, {"lang", {"en"}}};
  Hit without;
  without.id = "b";
  r.hits = {with, without};
  const nlohmann::ordered_json j = results_to_json(r);
  EXPECT_EQ(dump_json(j["hits"][0]["keywords"]), R"({"lang":["en"],"region":["eu","us"]})");
  EXPECT_EQ(dump_json(j["hits"][1]["keywords"]), "{}");
  // After source, before all_words.
  std::string keys;
  for (const auto& item : j["hits"][0].items()) keys += item.key() + " ";
  EXPECT_EQ(keys,
            "rank id title title_highlighted score snippet path url author date source keywords "
            "all_words ");
}

}  // namespace
}  // namespace sift::examples
