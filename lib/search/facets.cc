// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/facets.h"

#include <algorithm>
#include <set>

namespace sift::search {
namespace {

// Xapian 1.4's ValueCountMatchSpy counts one value per document and slot;
// it has no spy for a slot holding a list of values (tags), so this one
// counts each value of the list (format::decode_values) once per document.
class ValueListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ValueListCountSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    const std::string bytes = doc.get_value(slot_);
    if (bytes.empty()) return;
    // A document lists a value once, but guard against repeats anyway.
    std::set<std::string> seen;
    for (std::string& value : format::decode_values(bytes)) {
      if (seen.insert(value).second) ++counts_[std::move(value)];
    }
  }
  Xapian::MatchSpy* clone() const override { return new ValueListCountSpy(slot_); }
  std::string name() const override { return "sift::ValueListCountSpy"; }

  const std::map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::size_t> counts_;
};

std::vector<FacetValue> sorted(std::vector<FacetValue> values) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return values;
}

}  // namespace

FacetSpies::FacetSpies(const std::vector<const format::FieldSpec*>& fields) : fields_(fields) {
  for (const format::FieldSpec* field : fields_) {
    if (field->multi_valued) {
      spies_.push_back(std::make_unique<ValueListCountSpy>(field->slot));
    } else {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(field->slot));
    }
  }
}

FacetSpies::~FacetSpies() = default;

void FacetSpies::attach(Xapian::Enquire& enquire) {
  for (const auto& spy : spies_) enquire.add_matchspy(spy.get());
}

void FacetSpies::add_counts(FacetCounts& out) const {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    std::vector<FacetValue> values;
    if (fields_[i]->multi_valued) {
      for (const auto& [value, n] : static_cast<const ValueListCountSpy&>(*spies_[i]).counts()) {
        values.push_back({value, n});
      }
    } else {
      const auto& spy = static_cast<const Xapian::ValueCountMatchSpy&>(*spies_[i]);
      for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        values.push_back({*it, it.get_termfreq()});
      }
    }
    out[std::string(fields_[i]->name)] = sorted(std::move(values));
  }
}

}  // namespace sift::search
