// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for the ingest tests: sinks that collect what the readers emit.
#pragma once

#include <string>
#include <vector>

#include "sift/ingest.h"

namespace sift::testing {

/// Collects documents and rejection messages from a reader call.
struct Collected {
  std::vector<Document> docs;
  std::vector<std::string> rejected;  ///< Rejection::message() of each.

  DocumentSink emit() {
    return [this](Document&& d) { docs.push_back(std::move(d)); };
  }
  RejectionSink reject() {
    return [this](const Rejection& r) { rejected.push_back(r.message()); };
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& d : docs) out.push_back(d.id);
    return out;
  }
};

}  // namespace sift::testing
