#pragma once
// Reading item values written as text, and the checks every instrument shares:
// a number inside a closed range, a presence flag, a complete set of named items.
// Internal to src/instruments; the public headers say which texts each accepts.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "instruments/items.h"
#include "instruments/result.h"

namespace il2t::instruments::detail {

std::string lower_trimmed(std::string_view s);

// "3.4" -> 3.4; nullopt for anything that is not a whole finite decimal number.
std::optional<double> parse_number(std::string_view text);

// "1", "yes", "true", "present", "y" -> true; "0", "no", "false", "absent", "n" -> false.
std::optional<bool> parse_presence(std::string_view text);

// The shortest decimal text that reads back to x ("3.4", "-1", "nan").
std::string number_text(double x);

// `label` is how the message names the item, e.g. "PGA" or "ESSPRI dryness".
// Fails with "<label>: <x> is outside <lo>–<hi><unit>" (or "is not a number").
Scored<double> in_range(std::string_view item, std::string_view label, double x, double lo, double hi,
                        std::string_view unit = "");
// The same with the label "<instrument> <item>", built only when the check fails (so a
// passing check allocates nothing).
Scored<double> in_range_of(std::string_view instrument, std::string_view item, double x, double lo, double hi,
                           std::string_view unit = "");

// Matches each given (id, value) to one of `ids` (the instrument's items in order):
// the result holds, for each id in order, the value text. Errors name the item:
// "<instrument>: unknown item "x"", "<instrument> <id>: given twice",
// "<instrument> <id>: missing".
Scored<std::vector<std::string>> match_items(std::string_view instrument,
                                             std::span<const std::string_view> ids,
                                             const ItemValues& values);

}  // namespace il2t::instruments::detail
