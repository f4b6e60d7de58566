// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine.h"

namespace bench {

std::vector<std::unique_ptr<Engine>> make_engines() {
  std::vector<std::unique_ptr<Engine>> engines;
  engines.push_back(make_sift_engine());
  engines.push_back(make_xapian_engine());
  engines.push_back(make_fts5_engine());
  engines.push_back(make_clucene_engine());
  engines.push_back(make_sift_batch_engine(0));
  engines.push_back(make_sift_batch_engine(250));
  engines.push_back(make_sift_batch_engine(1000));
  engines.push_back(make_xapian_stored_engine());
  engines.push_back(make_xapian_fullpos_engine());
  engines.push_back(make_xapian_spelling_engine());
  engines.push_back(make_sift_words_engine(true));
  engines.push_back(make_sift_words_engine(false));
  engines.push_back(make_xapian_any_word_engine());
  return engines;
}

}  // namespace bench
