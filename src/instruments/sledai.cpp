#include "instruments/sledai.h"

#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

// Weights: Gladman DD, Ibañez D, Urowitz MB, J Rheumatol 2002;29:288 (SLEDAI-2K), as
// transcribed by medicalcriteria.com and the cliot R package; see docs/instruments.md.
using I = SledaiItem;
constexpr std::array<SledaiItemInfo, kSledaiItemCount> kItems{{
    {I::seizure, "seizure", "Seizure", 8, false},
    {I::psychosis, "psychosis", "Psychosis", 8, false},
    {I::organic_brain_syndrome, "organic_brain_syndrome", "Organic brain syndrome", 8, false},
    {I::visual_disturbance, "visual_disturbance", "Visual disturbance", 8, false},
    {I::cranial_nerve_disorder, "cranial_nerve_disorder", "Cranial nerve disorder", 8, false},
    {I::lupus_headache, "lupus_headache", "Lupus headache", 8, false},
    {I::cva, "cva", "Cerebrovascular accident", 8, false},
    {I::vasculitis, "vasculitis", "Vasculitis", 8, false},
    {I::arthritis, "arthritis", "Arthritis", 4, false},
    {I::myositis, "myositis", "Myositis", 4, false},
    {I::urinary_casts, "urinary_casts", "Urinary casts", 4, false},
    {I::hematuria, "hematuria", "Haematuria", 4, false},
    {I::proteinuria, "proteinuria", "Proteinuria", 4, false},
    {I::pyuria, "pyuria", "Pyuria", 4, false},
    {I::rash, "rash", "Rash", 2, false},
    {I::alopecia, "alopecia", "Alopecia", 2, false},
    {I::mucosal_ulcers, "mucosal_ulcers", "Mucosal ulcers", 2, false},
    {I::pleurisy, "pleurisy", "Pleurisy", 2, false},
    {I::pericarditis, "pericarditis", "Pericarditis", 2, false},
    {I::low_complement, "low_complement", "Low complement", 2, true},
    {I::increased_dna_binding, "increased_dna_binding", "Increased DNA binding", 2, true},
    {I::fever, "fever", "Fever", 1, false},
    {I::thrombocytopenia, "thrombocytopenia", "Thrombocytopenia", 1, false},
    {I::leukopenia, "leukopenia", "Leukopenia", 1, false},
}};

constexpr bool items_in_enum_order() {
  for (std::size_t k = 0; k < kItems.size(); ++k) {
    if (static_cast<std::size_t>(kItems[k].item) != k) return false;
  }
  return true;
}
static_assert(items_in_enum_order());

constexpr int total_weight(bool with_serology) {
  int sum = 0;
  for (const auto& i : kItems) {
    if (with_serology || !i.serological) sum += i.weight;
  }
  return sum;
}
static_assert(total_weight(true) == kSledai2kMax);
static_assert(total_weight(false) == kClinicalSledaiMax);

constexpr std::array<std::string_view, kSledaiItemCount> item_ids() {
  std::array<std::string_view, kSledaiItemCount> ids{};
  for (std::size_t k = 0; k < kItems.size(); ++k) ids[k] = kItems[k].id;
  return ids;
}
constexpr auto kIds = item_ids();

int sum(const SledaiVisit& v, bool with_serology) {
  int total = 0;
  for (const auto& i : kItems) {
    if (v.has(i.item) && (with_serology || !i.serological)) total += i.weight;
  }
  return total;
}

}  // namespace

std::span<const SledaiItemInfo> sledai_items() { return kItems; }

const SledaiItemInfo& sledai_info(SledaiItem item) { return kItems[static_cast<std::size_t>(item)]; }

Scored<SledaiItem> find_sledai_item(std::string_view id) {
  for (const auto& i : kItems) {
    if (i.id == id) return i.item;
  }
  return fail(std::string(id), "SLEDAI-2K: unknown item \"" + std::string(id) + "\"");
}

SledaiVisit& SledaiVisit::set(SledaiItem item, bool present) {
  present_[static_cast<std::size_t>(item)] = present;
  return *this;
}

int sledai_2k(const SledaiVisit& v) { return sum(v, true); }
int clinical_sledai(const SledaiVisit& v) { return sum(v, false); }
int selena_sledai(const SledaiVisit& v) { return sum(v, true); }

Scored<SledaiVisit> sledai_visit(const ItemValues& values) {
  auto texts = detail::match_items("SLEDAI-2K", kIds, values);
  if (!texts) return texts.error();
  SledaiVisit v;
  for (std::size_t k = 0; k < kItems.size(); ++k) {
    const std::string& text = (*texts)[k];
    const auto present = detail::parse_presence(text);
    if (!present) {
      const std::string id(kItems[k].id);
      return fail(id, "SLEDAI-2K " + id + ": \"" + text +
                          "\" is not a presence flag (use 1/0, yes/no, true/false)");
    }
    v.set(kItems[k].item, *present);
  }
  return v;
}

Scored<int> sledai_2k(const ItemValues& values) {
  auto v = sledai_visit(values);
  if (!v) return v.error();
  return sledai_2k(*v);
}

Scored<int> clinical_sledai(const ItemValues& values) {
  auto v = sledai_visit(values);
  if (!v) return v.error();
  return clinical_sledai(*v);
}

}  // namespace il2t::instruments
