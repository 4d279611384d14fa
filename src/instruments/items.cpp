#include "instruments/items.h"

#include <string>

#include "instruments/bilag.h"
#include "instruments/essdai.h"
#include "instruments/esspri.h"
#include "instruments/sledai.h"

namespace il2t::instruments {

namespace {

struct Named {
  std::string_view id, name;
};
constexpr Named kEsspri[]{{"dryness", "Dryness"}, {"fatigue", "Fatigue"}, {"pain", "Pain"}};
constexpr Named kJadas[]{{"physician_global", "Physician's global assessment"},
                         {"parent_global", "Parent's or patient's global assessment"},
                         {"active_joints", "Active joint count"},
                         {"esr", "Erythrocyte sedimentation rate"}};

template <class Range>
Scored<ItemRef> search(std::string_view instrument, const Range& items, std::string_view item) {
  for (const auto& i : items) {
    if (i.id == item) return ItemRef{instrument, i.id, i.name};
  }
  return fail(std::string(item), std::string(instrument) + ": unknown item \"" + std::string(item) + "\"");
}

}  // namespace

Scored<ItemRef> find_item(std::string_view instrument, std::string_view item) {
  if (instrument == "sledai_2k") return search("sledai_2k", sledai_items(), item);
  if (instrument == "bilag_2004") return search("bilag_2004", bilag_domains(), item);
  if (instrument == "essdai") return search("essdai", essdai_domains(), item);
  if (instrument == "esspri") return search("esspri", kEsspri, item);
  if (instrument == "jadas") return search("jadas", kJadas, item);
  return fail(std::string(instrument), "unknown instrument \"" + std::string(instrument) +
                                           "\" (sledai_2k, bilag_2004, essdai, esspri, jadas)");
}

}  // namespace il2t::instruments
