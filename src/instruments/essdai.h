#pragma once
// ESSDAI, the EULAR Sjögren's syndrome disease activity index (Seror et al., Ann Rheum
// Dis 2010;69:1103; user guide RMD Open 2015;1:e000022): 12 domains, each rated at an
// activity level (no 0, low 1, moderate 2, high 3) multiplied by the domain's weight.
// Not every domain has every level: constitutional, glandular and biological have no
// high level and the central nervous system has no low level. Total 0–123. Activity
// bands (Seror et al., Ann Rheum Dis 2016;75:382): low < 5, moderate 5–13, high >= 14.
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "instruments/items.h"
#include "instruments/result.h"

namespace il2t::instruments {

enum class EssdaiDomain {
  constitutional, lymphadenopathy, glandular, articular, cutaneous, pulmonary, renal, muscular,
  peripheral_nervous_system, central_nervous_system, haematological, biological,
};
inline constexpr std::size_t kEssdaiDomainCount = 12;

enum class EssdaiLevel { no = 0, low = 1, moderate = 2, high = 3 };
std::string_view to_string(EssdaiLevel level);  // "no", "low", "moderate", "high"

struct EssdaiDomainInfo {
  EssdaiDomain domain;
  std::string_view id;    // "constitutional", ..., "peripheral_nervous_system", ...
  std::string_view name;  // "Peripheral nervous system"
  int weight;
  std::array<bool, 4> allowed;  // indexed by level
  bool has(EssdaiLevel l) const { return allowed[static_cast<std::size_t>(l)]; }
};
std::span<const EssdaiDomainInfo> essdai_domains();
const EssdaiDomainInfo& essdai_info(EssdaiDomain d);
// "ESSDAI: unknown domain "x"".
Scored<EssdaiDomain> find_essdai_domain(std::string_view id);

// "no", "low", "moderate", "high" or "0".."3" (either case); for `domain` it must also
// be one of the domain's levels. Errors name the domain:
// "ESSDAI constitutional: level "high" is not defined for this domain (levels: no, low, moderate)".
Scored<EssdaiLevel> parse_essdai_level(EssdaiDomain domain, std::string_view text);

class EssdaiVisit {
 public:
  EssdaiVisit() { levels_.fill(EssdaiLevel::no); }
  EssdaiVisit& set(EssdaiDomain d, EssdaiLevel l);
  EssdaiLevel level(EssdaiDomain d) const { return levels_[static_cast<std::size_t>(d)]; }

 private:
  std::array<EssdaiLevel, kEssdaiDomainCount> levels_{};
};

inline constexpr int kEssdaiMax = 123;

// Weight x level for one domain; a level the domain does not have is an error.
Scored<int> essdai_domain_score(EssdaiDomain d, EssdaiLevel l);
// 0–123; fails on the first domain rated at a level it does not have.
Scored<int> essdai(const EssdaiVisit& v);

enum class EssdaiBand { low, moderate, high };
EssdaiBand essdai_band(int score);          // < 5, 5–13, >= 14
std::string_view to_string(EssdaiBand b);   // "low", "moderate", "high"

// By name: each of the 12 domain ids once, with a level.
Scored<EssdaiVisit> essdai_visit(const ItemValues& values);
Scored<int> essdai(const ItemValues& values);

}  // namespace il2t::instruments
