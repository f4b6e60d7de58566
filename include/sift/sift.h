// SPDX-License-Identifier: GPL-2.0-or-later
// Sift: full-text search for C++ programs, on Xapian and ICU.
//
// Include this header for the whole public API:
//   sift::IndexWriter  builds and updates an index, plain or split into
//                      shards written in parallel (one writer at a time);
//   sift::Searcher     answers queries with ranked, highlighted hits;
//   sift::read_path    reads .txt articles and JSONL into sift::Document;
//   sift::Error        the only exception type, with an ErrorCode.
#pragma once

#include "sift/document.h"
#include "sift/error.h"
#include "sift/index_writer.h"
#include "sift/ingest.h"
#include "sift/options.h"
#include "sift/searcher.h"
#include "sift/sharding.h"
#include "sift/version.h"
