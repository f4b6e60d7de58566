// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/facets.h"

#include "index/format/layout.h"

namespace sift::search {
namespace {

std::map<std::string, std::size_t> values_of(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, std::size_t> out;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    out[*it] = it.get_termfreq();
  }
  return out;
}

}  // namespace

FacetSpies::FacetSpies() : source_(format::kSourceSlot), month_(format::kMonthSlot) {}

void FacetSpies::attach(Xapian::Enquire& enquire) {
  enquire.add_matchspy(&source_);
  enquire.add_matchspy(&month_);
}

FacetCounts FacetSpies::counts() const {
  return {{"source", values_of(source_)}, {"month", values_of(month_)}};
}

}  // namespace sift::search
