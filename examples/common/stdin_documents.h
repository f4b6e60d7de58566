// SPDX-License-Identifier: GPL-2.0-or-later
// "-" as an input: JSONL documents from standard input.
#pragma once

#include <sift/error.h>
#include <sift/index_writer.h>
#include <sift/ingest.h>

#include <cstddef>
#include <iostream>
#include <string>

#include "cli_conventions.h"

namespace sift::cli {

/// Reads JSONL from standard input into `writer` one document at a time, counting what add() did
/// and every rejection (as "-:LINE", or "- id "X"" for a document the index refuses) in `report`,
/// and calling `progress` with the documents seen so far (those of `report` included).
inline void add_stdin_documents(IndexWriter& writer, IndexReport& report,
                                const ProgressFn& progress) {
  std::size_t seen = report.added + report.replaced + report.unchanged;
  read_jsonl_stream(
      std::cin, kStdinName,
      [&](Document&& doc) {
        try {
          report.count(writer.add(doc));
        } catch (const Error& e) {
          // As index_paths: a document the index refuses is one rejection,
          // not the end of the run.
          if (e.code() != ErrorCode::BadInput) throw;
          report.rejected.push_back({std::string(kStdinName) + " id \"" + doc.id + "\"", e.what()});
        }
        if (progress) progress(++seen);
      },
      [&](const Rejection& rejection) { report.rejected.push_back(rejection); });
}

}  // namespace sift::cli
