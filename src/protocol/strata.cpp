#include "protocol/strata.h"

#include <cctype>

namespace il2t::protocol {

namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' || c == '+';
}

Error at(std::size_t offset, std::string message) {
  Error e{std::move(message)};
  e.offset = static_cast<int>(offset);
  return e;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_])) != 0) ++i_;
  }
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::size_t pos() const { return i_; }
  void advance() { ++i_; }
  // A name at the cursor (spaces before it skipped); empty when there is none.
  std::string name() {
    skip_space();
    const std::size_t from = i_;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    return std::string(s_.substr(from, i_ - from));
  }
  // The text up to the ')' that closes the '(' just read; false when none does.
  bool until_close(std::string& text) {
    int depth = 1;
    const std::size_t from = i_;
    for (; i_ < s_.size(); ++i_) {
      if (s_[i_] == '(') ++depth;
      if (s_[i_] == ')' && --depth == 0) {
        text = std::string(s_.substr(from, i_ - from));
        ++i_;
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

std::string unexpected(char c, const char* wanted) {
  return std::string("unexpected '") + c + "': " + wanted + " (names are letters, digits, _ - . +)";
}

}  // namespace

Expected<StratumFactor> parse_stratum_factor(std::string_view entry) {
  Reader r(entry);
  StratumFactor f;
  f.name = r.name();
  r.skip_space();
  if (f.name.empty())
    return r.done() ? at(0, "give the factor's name, then its levels (\"site: a, b\")")
                    : at(r.pos(), unexpected(r.peek(), "expected the factor's name"));
  if (r.done()) return f;
  if (r.peek() != ':') return at(r.pos(), unexpected(r.peek(), "expected ':' and the levels after the factor's name"));
  r.advance();
  for (;;) {
    const std::size_t begin = (r.skip_space(), r.pos());
    StratumLevel level;
    level.name = r.name();
    if (level.name.empty())
      return r.done() ? at(begin, "expected a level") : at(begin, unexpected(r.peek(), "expected a level's name"));
    for (const StratumLevel& l : f.levels)
      if (l.name == level.name) return at(begin, "level \"" + level.name + "\" is given twice");
    r.skip_space();
    if (r.peek() == '(') {
      r.advance();
      level.rule_offset = static_cast<int>(r.pos());
      std::string rule;
      if (!r.until_close(rule)) return at(r.pos(), "the '(' of level \"" + level.name + "\" is not closed");
      const auto first = rule.find_first_not_of(" \t");
      if (first == std::string::npos) return at(static_cast<std::size_t>(level.rule_offset), "the rule of level \"" + level.name + "\" is empty");
      level.rule = rule;
      r.skip_space();
    }
    if (!f.levels.empty() && level.rule.has_value() != f.levels.front().rule.has_value())
      return at(begin, "give every level a rule in parentheses, or none (level \"" + level.name + "\" " +
                           (level.rule ? "has one" : "has none") + ", level \"" + f.levels.front().name + "\" " +
                           (level.rule ? "none" : "one") + ")");
    f.levels.push_back(std::move(level));
    if (r.done()) break;
    if (r.peek() != ',') return at(r.pos(), unexpected(r.peek(), "expected ',' and the next level"));
    r.advance();
  }
  if (f.levels.size() < 2) return at(0, "factor \"" + f.name + "\" needs at least two levels");
  return f;
}

}  // namespace il2t::protocol
