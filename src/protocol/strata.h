#pragma once
// A stratification factor as the protocol writes it, one entry of
// `randomisation.strata`: its name, then its levels after a colon, each level
// optionally with the rule (an eligibility expression, in parentheses) that places a
// participant's record in it:
//
//   entry = name [ ":" level { "," level } ]      level = name [ "(" expression ")" ]
//   name  = letters, digits, "_", "-", ".", "+"
//
//   "activity: high (sledai_2k >= 10), low (sledai_2k < 10)"
//   "site: beijing, shanghai, wuhan"
//
// Here only the text is read; the rules are compiled by trial/strata.h.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace il2t::protocol {

// More strata than this (every combination of levels) is an error.
inline constexpr std::size_t kMaxStrata = 1000;

struct StratumLevel {
  std::string name;
  std::optional<std::string> rule;  // the expression between the parentheses
  int rule_offset = 0;              // where it begins in the entry (0-based)
};

struct StratumFactor {
  std::string name;
  std::vector<StratumLevel> levels;  // empty: the entry names the factor only
  bool has_rules() const { return !levels.empty() && levels.front().rule.has_value(); }
};

// The factor an entry writes; an error (its offset into the entry) when it does not
// follow the grammar, gives fewer than two levels or one twice, or gives rules to some
// levels but not to all.
Expected<StratumFactor> parse_stratum_factor(std::string_view entry);

}  // namespace il2t::protocol
