// SPDX-License-Identifier: GPL-2.0-or-later
// dump(): the syntax tree as one line (see query_syntax.h).
#include <string>
#include <string_view>

#include "index/format/fields.h"
#include "search/query/query_syntax.h"

namespace sift::search {
namespace {

std::string text_of(std::string_view text) {
  if (!text.empty() && text.find_first_of(" \t\n") == std::string_view::npos) {
    return std::string(text);
  }
  return "\"" + std::string(text) + "\"";
}

/// A text field's leaf: `title`, `title-phrase`, `title-wildcard`.
std::string field_leaf_name(const Node& n) {
  std::string name = n.text_field ? std::string(n.text_field->query_name) : "?";
  if (n.kind == Node::Kind::FieldPhrase) name += "-phrase";
  if (n.kind == Node::Kind::FieldWildcard) name += "-wildcard";
  return name;
}

std::string_view leaf_name(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::Word:
      return "word";
    case Node::Kind::Exact:
      return "exact";
    case Node::Kind::Phrase:
      return "phrase";
    case Node::Kind::StemPhrase:
      return "stemphrase";
    case Node::Kind::Wildcard:
      return "wildcard";
    default:
      return "?";
  }
}

void append(const Node& n, std::string& out) {
  if (n.required) out += '+';
  switch (n.kind) {
    case Node::Kind::And:
    case Node::Kind::Or:
    case Node::Kind::Not:
    case Node::Kind::Near: {
      if (n.kind == Node::Kind::And) out += n.explicit_and ? "(and!" : "(and";
      if (n.kind == Node::Kind::Or) out += "(or";
      if (n.kind == Node::Kind::Not) out += "(not";
      if (n.kind == Node::Kind::Near) out += n.ordered ? "(adj" : "(near";
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (n.kind == Node::Kind::Near && i > 0 && i - 1 < n.gaps.size()) {
          out += " /" + std::to_string(n.gaps[i - 1]);
        }
        out += ' ';
        append(n.children[i], out);
      }
      out += ')';
      break;
    }
    case Node::Kind::Keyword:
      out += (n.field ? std::string(n.field->name) : std::string("?")) + "=" + text_of(n.text);
      break;
    case Node::Kind::Date:
      out += "date:" + n.lo + ".." + n.hi;
      break;
    case Node::Kind::Wildcard:
      out += std::string(leaf_name(n.kind)) + ":" + std::string(n.text) + "*";
      break;
    case Node::Kind::FieldWildcard:
      out += field_leaf_name(n) + ":" + std::string(n.text) + "*";
      break;
    case Node::Kind::FieldWord:
    case Node::Kind::FieldPhrase:
      out += field_leaf_name(n) + ":" + text_of(n.text);
      break;
    default:
      out += std::string(leaf_name(n.kind)) + ":" + text_of(n.text);
      break;
  }
  if (n.partial) out += '~';
}

}  // namespace

std::string dump(const Node& node) {
  std::string out;
  append(node, out);
  return out;
}

}  // namespace sift::search
