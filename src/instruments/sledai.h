#pragma once
// SLEDAI: the 24 weighted descriptors of lupus activity and the three scores built on
// them. SLEDAI-2K (Gladman 2002) sums the weights of the descriptors present, 0–105.
// Clinical SLEDAI leaves out the two serological descriptors (low complement,
// increased DNA binding), 0–101. SELENA-SLEDAI has the same descriptors and weights;
// it differs only in how some descriptors are defined (proteinuria must be new or
// recently increased; scleritis/episcleritis count under visual disturbance), so the
// rater applies the SELENA definitions and the sum is the same. See docs/instruments.md.
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "instruments/items.h"
#include "instruments/result.h"

namespace il2t::instruments {

enum class SledaiItem {
  seizure, psychosis, organic_brain_syndrome, visual_disturbance, cranial_nerve_disorder,
  lupus_headache, cva, vasculitis, arthritis, myositis, urinary_casts, hematuria, proteinuria,
  pyuria, rash, alopecia, mucosal_ulcers, pleurisy, pericarditis, low_complement,
  increased_dna_binding, fever, thrombocytopenia, leukopenia,
};
inline constexpr std::size_t kSledaiItemCount = 24;

struct SledaiItemInfo {
  SledaiItem item;
  std::string_view id;    // stable snake_case id, e.g. "organic_brain_syndrome"
  std::string_view name;  // "Organic brain syndrome"
  int weight;             // 8, 4, 2 or 1
  bool serological;       // low complement, increased DNA binding
};

// The 24 descriptors in form order.
std::span<const SledaiItemInfo> sledai_items();
const SledaiItemInfo& sledai_info(SledaiItem item);
// "SLEDAI-2K: unknown item "x"" for an id that is not one of the 24.
Scored<SledaiItem> find_sledai_item(std::string_view id);

// Which descriptors are present at one visit (attributable to SLE in the window).
class SledaiVisit {
 public:
  SledaiVisit() = default;
  SledaiVisit& set(SledaiItem item, bool present = true);
  bool has(SledaiItem item) const { return present_[static_cast<std::size_t>(item)]; }

 private:
  std::array<bool, kSledaiItemCount> present_{};
};

int sledai_2k(const SledaiVisit& v);        // 0–105
int clinical_sledai(const SledaiVisit& v);  // 0–101, without the serological descriptors
int selena_sledai(const SledaiVisit& v);    // 0–105, descriptors rated by SELENA definitions

inline constexpr int kSledai2kMax = 105;
inline constexpr int kClinicalSledaiMax = 101;

// By name: every one of the 24 ids once, each with a presence flag ("1"/"0",
// "yes"/"no", "true"/"false", "present"/"absent").
Scored<SledaiVisit> sledai_visit(const ItemValues& values);
Scored<int> sledai_2k(const ItemValues& values);
Scored<int> clinical_sledai(const ItemValues& values);

}  // namespace il2t::instruments
