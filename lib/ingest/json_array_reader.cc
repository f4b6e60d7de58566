// SPDX-License-Identifier: GPL-2.0-or-later
// A .json file: one array of document objects, each bad element rejected
// on its own.

#include <nlohmann/json.hpp>
#include <string>

#include "ingest/json_document.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"
#include "sift/ingest.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace sift {
namespace ingest {

void read_json_array(std::string_view bytes, const std::string& path, const DocumentSink& emit,
                     const RejectionSink& reject, const ReadOptions& /*options*/, IdRegistry& ids) {
  bytes = strip_bom(bytes);
  if (trim(bytes).empty()) {
    reject({path, "empty file"});
    return;
  }
  // The whole file is one JSON text: a syntax error anywhere leaves no
  // element that can be trusted, so the file is rejected whole.
  if (std::string problem = util::check_text(bytes); !problem.empty()) {
    reject({path, problem});
    return;
  }
  if (nested_deeper_than(bytes, kMaxJsonDepth + 1)) {  // +1: the array itself
    reject({path, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"});
    return;
  }
  nlohmann::json array;
  try {
    array = nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::parse_error& e) {
    reject({path, parse_problem(e)});
    return;
  } catch (const nlohmann::json::exception& e) {
    reject({path, json_problem(e)});
    return;
  }
  if (!array.is_array()) {
    reject({path, std::string("not a JSON array of documents (found ") + array.type_name() +
                      "; one object per line is .jsonl)"});
    return;
  }
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string where = path + "[" + std::to_string(i) + "]";
    Document doc;
    if (std::string problem = to_document(array[i], where, doc); !problem.empty()) {
      reject({where, problem});
      continue;
    }
    if (claim_id(doc.id, where, ids, reject)) emit(std::move(doc));
  }
}

}  // namespace ingest

void parse_json_array(std::string_view bytes, const std::string& path, const DocumentSink& emit,
                      const RejectionSink& reject, const ReadOptions& options) {
  util::guarded("reading " + path, [&] {
    ingest::IdRegistry ids;
    ingest::read_json_array(bytes, path, emit, reject, options, ids);
  });
}

}  // namespace sift
