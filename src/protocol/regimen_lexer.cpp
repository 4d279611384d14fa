#include "protocol/regimen_lexer.h"

#include <array>
#include <cctype>
#include <charconv>

namespace il2t::protocol::detail {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Length of a leading decimal number ("12", "0.5", ".5", "1e6"), 0 if none.
std::size_t number_prefix(std::string_view s, double* value) {
  std::size_t i = 0;
  bool digits = false;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) { ++i; digits = true; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) { ++i; digits = true; }
  }
  if (!digits) return 0;
  if (i + 1 < s.size() && (s[i] == 'e' || s[i] == 'E') &&
      (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-' || s[i + 1] == '+')) {
    std::size_t j = i + 1;
    if (s[j] == '-' || s[j] == '+') ++j;
    std::size_t k = j;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
    if (k > j) i = k;
  }
  std::from_chars(s.data(), s.data() + i, *value);
  return i;
}

void push_word(std::vector<Token>& out, std::string_view word, int offset) {
  if (word.empty()) return;
  double v = 0;
  const std::size_t n = number_prefix(word, &v);
  if (n > 0) {
    out.push_back({std::string(word.substr(0, n)), std::string(word.substr(0, n)), offset, true, v});
    if (n < word.size()) {
      auto rest = word.substr(n);
      out.push_back({std::string(rest), to_lower(rest), offset + static_cast<int>(n), false, 0});
    }
    return;
  }
  out.push_back({std::string(word), to_lower(word), offset, false, 0});
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) { ++i; continue; }
    if (text[i] == ',' || text[i] == ';') {
      out.push_back({std::string(1, text[i]), std::string(1, text[i]), static_cast<int>(i), false, 0});
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && !is_space(text[j]) && text[j] != ',' && text[j] != ';') ++j;
    push_word(out, text.substr(i, j - i), static_cast<int>(i));
    i = j;
  }
  return out;
}

std::optional<double> number_word(std::string_view lower) {
  static constexpr std::array<std::string_view, 12> words = {
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (lower == words[i]) return static_cast<double>(i + 1);
  }
  return std::nullopt;
}

}  // namespace il2t::protocol::detail
