// SPDX-License-Identifier: GPL-2.0-or-later
#include "queries.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>
#include <utility>

namespace bench {
namespace {

// Query statistics come from at most this many documents; generated corpora
// are uniform, so a sample this large ranks words the same way.
constexpr std::size_t kSampleDocs = 200'000;

// Target document frequencies as fractions of the corpus.
constexpr double kMediumFraction = 0.01;
constexpr double kCommonFraction = 0.25;

// std::mt19937_64's sequence is fixed by the standard; distributions are not,
// so indexes are drawn with a plain modulo (its bias is negligible here).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : engine_() % n; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Runs of consecutive plain words: separated by single spaces, each all ASCII
// letters (the last may carry one trailing punctuation mark, which ends the
// run).  Every tokenizer agrees on the words and positions of such a run.
std::vector<std::vector<std::string>> clean_runs(std::string_view text) {
  std::vector<std::vector<std::string>> runs(1);
  auto end_run = [&runs] {
    if (!runs.back().empty()) runs.emplace_back();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t stop = text.find_first_of(" \n", start);
    if (stop == std::string_view::npos) stop = text.size();
    std::string_view piece = text.substr(start, stop - start);
    bool ends = false;
    if (!piece.empty() && std::string_view(",.;:!?").find(piece.back()) != std::string_view::npos) {
      piece.remove_suffix(1);
      ends = true;
    }
    if (!piece.empty() && std::all_of(piece.begin(), piece.end(), is_letter)) {
      runs.back().push_back(lower(piece));
      if (ends) end_run();
    } else {
      end_run();
    }
    if (stop < text.size() && text[stop] == '\n') end_run();
    start = stop + 1;
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

struct DocWords {
  std::vector<std::vector<std::string>> runs;  // title's and body's clean runs
};

class Sampler {
 public:
  Sampler(const Corpus& corpus, std::uint64_t seed) : corpus_(corpus), rng_(seed) {
    const std::size_t n = std::min(corpus.docs.size(), kSampleDocs);
    docs_.resize(n);
    std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> seen;  // df, last doc
    for (std::size_t i = 0; i < n; ++i) {
      docs_[i].runs = clean_runs(corpus.docs[i].title);
      for (auto& run : clean_runs(corpus.docs[i].body)) docs_[i].runs.push_back(std::move(run));
      for (const auto& run : docs_[i].runs) {
        for (const auto& word : run) {
          auto& [df, last] = seen[word];
          if (df == 0 || last != i + 1) {
            ++df;
            last = static_cast<std::uint32_t>(i + 1);
          }
        }
      }
    }
    Xapian::Stem stemmer("english");
    for (const auto& [word, counts] : seen) {
      df_[word] = counts.first;
      if (word.size() >= 3) by_df_.emplace_back(counts.first, word);
      if (word.size() >= 4) forms_[stemmer(word)].push_back(word);
    }
    std::sort(by_df_.begin(), by_df_.end());
    for (auto& [stem, forms] : forms_) std::sort(forms.begin(), forms.end());
    for (const auto& [word, counts] : seen) stem_of_[word] = stemmer(word);
    medium_ = std::max(1.0, static_cast<double>(n) * kMediumFraction);
    common_ = std::max(1.0, static_cast<double>(n) * kCommonFraction);
  }

  double medium() const { return medium_; }
  double common() const { return common_; }

  // Words of at least 3 letters whose document frequency is nearest `target`.
  std::vector<std::string> near_df(double target, std::size_t count) {
    if (by_df_.empty()) return {};
    auto distance = [target](std::uint32_t df) {
      return std::abs(std::log(static_cast<double>(df)) - std::log(target));
    };
    auto it = std::lower_bound(by_df_.begin(), by_df_.end(),
                               std::make_pair(static_cast<std::uint32_t>(target), std::string()));
    std::size_t center = static_cast<std::size_t>(it - by_df_.begin());
    if (center == by_df_.size()) --center;
    // Widen a window around the target until it holds 3x the words wanted.
    std::size_t lo = center, hi = center + 1;
    while (hi - lo < 3 * count && (lo > 0 || hi < by_df_.size())) {
      if (lo == 0) {
        ++hi;
      } else if (hi == by_df_.size()) {
        --lo;
      } else if (distance(by_df_[lo - 1].first) <= distance(by_df_[hi].first)) {
        --lo;
      } else {
        ++hi;
      }
    }
    std::vector<std::string> words;
    for (std::size_t i = lo; i < hi; ++i) words.push_back(by_df_[i].second);
    shuffle(words);
    if (words.size() > count) words.resize(count);
    return words;
  }

  // Runs of the document with at least `length` words, or none.
  const std::vector<std::string>* random_run(std::size_t length, std::size_t* doc_index = nullptr) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      const std::size_t d = rng_.below(docs_.size());
      std::vector<const std::vector<std::string>*> long_runs;
      for (const auto& run : docs_[d].runs) {
        if (run.size() >= length) long_runs.push_back(&run);
      }
      if (long_runs.empty()) continue;
      if (doc_index) *doc_index = d;
      return long_runs[rng_.below(long_runs.size())];
    }
    return nullptr;
  }

  std::uint32_t df(const std::string& word) const {
    auto it = df_.find(word);
    return it == df_.end() ? 0 : it->second;
  }
  const std::string& stem(const std::string& word) const { return stem_of_.at(word); }
  // Another inflection of `word` seen in the corpus, or empty.
  std::string other_form(const std::string& word) {
    auto it = forms_.find(stem(word));
    if (it == forms_.end() || it->second.size() < 2) return {};
    std::vector<std::string> others;
    for (const auto& form : it->second) {
      if (form != word) others.push_back(form);
    }
    return rng_.pick(others);
  }
  bool known(const std::string& word) const { return df_.count(word) != 0; }
  Rng& rng() { return rng_; }
  const Corpus& corpus() const { return corpus_; }

  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng_.below(i)]);
  }

 private:
  const Corpus& corpus_;
  Rng rng_;
  std::vector<DocWords> docs_;
  std::unordered_map<std::string, std::uint32_t> df_;
  std::unordered_map<std::string, std::string> stem_of_;
  std::map<std::string, std::vector<std::string>> forms_;
  std::vector<std::pair<std::uint32_t, std::string>> by_df_;
  double medium_ = 1;
  double common_ = 1;
};

Query single(QueryClass kind, std::string word) {
  Query q;
  q.kind = kind;
  q.words = {std::move(word)};
  return q;
}

std::vector<Query> singles(Sampler& s, QueryClass kind, double target, std::size_t count) {
  std::vector<Query> out;
  for (auto& word : s.near_df(target, count)) out.push_back(single(kind, std::move(word)));
  return out;
}

// Repeats an attempt until `count` queries are made or attempts run out.
template <typename Make>
std::vector<Query> sample(std::size_t count, Make make) {
  std::vector<Query> out;
  for (std::size_t attempt = 0; out.size() < count && attempt < 50 * count; ++attempt) {
    Query q;
    if (make(q)) out.push_back(std::move(q));
  }
  return out;
}

std::vector<Query> make_class(Sampler& s, QueryClass kind, std::size_t count) {
  switch (kind) {
    case QueryClass::Rare:
      return singles(s, kind, 2, count);
    case QueryClass::Medium:
      return singles(s, kind, s.medium(), count);
    case QueryClass::Common:
      return singles(s, kind, s.common(), count);
    case QueryClass::And:
      return sample(count, [&](Query& q) {
        const auto* run = s.random_run(4);
        if (!run) return false;
        std::vector<std::string> usable;
        for (const auto& w : *run) {
          if (w.size() >= 4 && s.df(w) >= s.medium() / 4 && s.df(w) <= 2 * s.common())
            usable.push_back(w);
        }
        if (usable.size() < 2) return false;
        const auto& a = usable[s.rng().below(usable.size())];
        const auto& b = usable[s.rng().below(usable.size())];
        if (s.stem(a) == s.stem(b)) return false;
        q.kind = kind;
        q.words = {a, b};
        return true;
      });
    case QueryClass::Or: {
      auto words = s.near_df(s.medium(), 2 * count);
      std::vector<Query> out;
      for (std::size_t i = 0; i + 1 < words.size() && out.size() < count; i += 2) {
        Query q;
        q.kind = kind;
        q.words = {words[i], words[i + 1]};
        out.push_back(std::move(q));
      }
      return out;
    }
    case QueryClass::Phrase:
      return sample(count, [&](Query& q) {
        const auto* run = s.random_run(3);
        if (!run) return false;
        const std::size_t start = s.rng().below(run->size() - 2);
        q.kind = kind;
        q.words.assign(run->begin() + static_cast<std::ptrdiff_t>(start),
                       run->begin() + static_cast<std::ptrdiff_t>(start + 3));
        return true;
      });
    case QueryClass::StemmedPhrase:
      return sample(count, [&](Query& q) {
        const auto* run = s.random_run(3);
        if (!run) return false;
        const std::size_t start = s.rng().below(run->size() - 2);
        q.words.assign(run->begin() + static_cast<std::ptrdiff_t>(start),
                       run->begin() + static_cast<std::ptrdiff_t>(start + 3));
        for (auto& word : q.words) {
          if (word.size() < 4) continue;
          if (auto other = s.other_form(word); !other.empty()) {
            word = other;
            q.kind = kind;
            return true;
          }
        }
        return false;
      });
    case QueryClass::Prefix: {
      std::vector<Query> out;
      for (const auto& word : s.near_df(s.medium(), 4 * count)) {
        if (word.size() < 7 || out.size() == count) continue;
        Query q;
        q.kind = kind;
        q.prefix = word.substr(0, 5);
        out.push_back(std::move(q));
      }
      return out;
    }
    case QueryClass::Near:
      return sample(count, [&](Query& q) {
        const auto* run = s.random_run(4);
        if (!run) return false;
        const std::size_t start = s.rng().below(run->size() - 3);
        const auto& a = (*run)[start];
        const auto& b = (*run)[start + 3];
        if (a.size() < 3 || b.size() < 3 || a == b) return false;
        q.kind = kind;
        q.words = {a, b};
        q.window = 5;
        return true;
      });
    case QueryClass::Filtered:
      return sample(count, [&](Query& q) {
        std::size_t d = 0;
        const auto* run = s.random_run(1, &d);
        if (!run) return false;
        const auto& source = s.corpus().docs[d].source;
        const auto& w = (*run)[s.rng().below(run->size())];
        if (source.empty() || w.size() < 4 || s.df(w) < s.medium() / 4) return false;
        q.kind = kind;
        q.words = {w};
        q.source = source;
        return true;
      });
    case QueryClass::SortDate: {
      auto out = singles(s, kind, s.medium(), count);
      for (auto& q : out) q.by_date = true;
      return out;
    }
    case QueryClass::Mix:
      break;
  }
  return {};
}

// Share of each class in the realistic mix, in percent.
const std::vector<std::pair<QueryClass, int>>& mix_weights() {
  static const std::vector<std::pair<QueryClass, int>> weights = {
      {QueryClass::Rare, 10},         {QueryClass::Medium, 20}, {QueryClass::Common, 10},
      {QueryClass::And, 15},          {QueryClass::Or, 10},     {QueryClass::Phrase, 10},
      {QueryClass::StemmedPhrase, 5}, {QueryClass::Prefix, 5},  {QueryClass::Near, 5},
      {QueryClass::Filtered, 5},      {QueryClass::SortDate, 5}};
  return weights;
}

}  // namespace

const std::vector<QueryClass>& all_classes() {
  static const std::vector<QueryClass> classes = {
      QueryClass::Rare, QueryClass::Medium,   QueryClass::Common,        QueryClass::And,
      QueryClass::Or,   QueryClass::Phrase,   QueryClass::StemmedPhrase, QueryClass::Prefix,
      QueryClass::Near, QueryClass::Filtered, QueryClass::SortDate,      QueryClass::Mix};
  return classes;
}

std::string_view class_name(QueryClass c) {
  switch (c) {
    case QueryClass::Rare:
      return "rare";
    case QueryClass::Medium:
      return "medium";
    case QueryClass::Common:
      return "common";
    case QueryClass::And:
      return "and";
    case QueryClass::Or:
      return "or";
    case QueryClass::Phrase:
      return "phrase";
    case QueryClass::StemmedPhrase:
      return "stemmed_phrase";
    case QueryClass::Prefix:
      return "prefix";
    case QueryClass::Near:
      return "near";
    case QueryClass::Filtered:
      return "filtered";
    case QueryClass::SortDate:
      return "sort_date";
    case QueryClass::Mix:
      return "mix";
  }
  return "unknown";
}

std::string Query::describe() const {
  std::string text = fmt::format("{} [{}]", class_name(kind), fmt::join(words, " "));
  if (!prefix.empty()) text += fmt::format(" prefix {}*", prefix);
  if (window) text += fmt::format(" within {}", window);
  if (!source.empty()) text += fmt::format(" source={}", source);
  if (by_date) text += " by date";
  return text;
}

QuerySets make_query_sets(const Corpus& corpus, std::size_t per_class, std::uint64_t seed) {
  Sampler sampler(corpus, seed);
  QuerySets sets;
  sets.by_class.resize(all_classes().size());
  for (QueryClass c : all_classes()) {
    if (c != QueryClass::Mix)
      sets.by_class[static_cast<std::size_t>(c)] = make_class(sampler, c, per_class);
  }
  auto& mix = sets.by_class[static_cast<std::size_t>(QueryClass::Mix)];
  for (const auto& [c, percent] : mix_weights()) {
    const auto& from = sets.of(c);
    const std::size_t n = (per_class * static_cast<std::size_t>(percent) + 99) / 100;
    for (std::size_t i = 0; i < n && !from.empty(); ++i) mix.push_back(sampler.rng().pick(from));
  }
  sampler.shuffle(mix);

  // Misspellings: one edit of a frequent word of 5 letters or more, the
  // four kinds in turn, at any position (the first letter too), keeping
  // only results that are not words of the corpus themselves.
  constexpr std::size_t kSpellingWords = 200;
  std::size_t kind = 0;
  for (const auto& word : sampler.near_df(sampler.medium() * 4, 8 * kSpellingWords)) {
    if (word.size() < 5 || sets.misspellings.size() == kSpellingWords) continue;
    std::string typo = word;
    const std::size_t i = sampler.rng().below(word.size() - 1);
    const char letter = static_cast<char>('a' + sampler.rng().below(26));
    switch (kind++ % 4) {
      case 0:
        std::swap(typo[i], typo[i + 1]);
        break;
      case 1:
        typo.erase(i, 1);
        break;
      case 2:
        typo.insert(i, 1, letter);
        break;
      default:
        typo[i] = letter;
        break;
    }
    if (typo != word && !sampler.known(typo)) sets.misspellings.push_back({typo, word});
  }
  // Correct words: frequent, medium and rare ones, as people type them.
  for (const double df : {sampler.medium() * 4, sampler.medium(), 2.0}) {
    for (const auto& word : sampler.near_df(df, kSpellingWords / 3 + 1)) {
      if (word.size() >= 4 && sets.correct_words.size() < kSpellingWords)
        sets.correct_words.push_back(word);
    }
  }
  return sets;
}

}  // namespace bench
