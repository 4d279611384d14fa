#pragma once
// Splits regimen text into words, numbers and the separators "," and ";",
// remembering where each came from so errors can point into the text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace il2t::protocol::detail {

struct Token {
  std::string text;   // as written
  std::string lower;  // lower-cased, for matching
  int offset = 0;     // 0-based character offset in the source text
  bool is_number = false;
  double number = 0;
};

// "100IU" becomes "100" "IU"; "1,000" is not a number (commas separate phases).
std::vector<Token> tokenize(std::string_view text);

// "one" ... "twelve" as numbers, for registry wording such as "two weeks".
std::optional<double> number_word(std::string_view lower);

}  // namespace il2t::protocol::detail
