#pragma once
// Item-level input by name, as a CSV row or a JSON object gives it: a list of
// (item id, value as text) pairs. Each instrument reads the values it knows
// ("1"/"0", "yes"/"no" for presence; "A".."E" for BILAG grades; "no", "low",
// "moderate", "high" or 0..3 for ESSDAI levels; decimal numbers for scales).
// Every item of the instrument must be given exactly once; an unknown id, a
// repeated id, a missing item or an unreadable value is an error naming the item.
#include <string>
#include <string_view>
#include <vector>

#include "instruments/result.h"

namespace il2t::instruments {

struct ItemValue {
  std::string id;
  std::string value;
};
using ItemValues = std::vector<ItemValue>;

// Which instrument an item id belongs to, for the eligibility engine and the
// record reader: instrument ids are "sledai_2k", "bilag_2004", "essdai", "esspri",
// "jadas". The name is for messages and reports.
struct ItemRef {
  std::string_view instrument;
  std::string_view id;
  std::string_view name;
};

// Looks up `item` in `instrument`; an unknown instrument or item is an error naming it.
Scored<ItemRef> find_item(std::string_view instrument, std::string_view item);

}  // namespace il2t::instruments
