#include "instruments/essdai.h"

#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

// Weights and levels: Seror 2010 Table 3 and the points version of the same table
// (domain x level); central nervous system levels from the 2015 user guide. See
// docs/instruments.md for which domain was checked against which source.
using E = EssdaiDomain;
constexpr std::array<bool, 4> kAll{true, true, true, true};
constexpr std::array<bool, 4> kNoHigh{true, true, true, false};
constexpr std::array<bool, 4> kNoLow{true, false, true, true};
constexpr std::array<EssdaiDomainInfo, kEssdaiDomainCount> kDomains{{
    {E::constitutional, "constitutional", "Constitutional", 3, kNoHigh},
    {E::lymphadenopathy, "lymphadenopathy", "Lymphadenopathy", 4, kAll},
    {E::glandular, "glandular", "Glandular", 2, kNoHigh},
    {E::articular, "articular", "Articular", 2, kAll},
    {E::cutaneous, "cutaneous", "Cutaneous", 3, kAll},
    {E::pulmonary, "pulmonary", "Pulmonary", 5, kAll},
    {E::renal, "renal", "Renal", 5, kAll},
    {E::muscular, "muscular", "Muscular", 6, kAll},
    {E::peripheral_nervous_system, "peripheral_nervous_system", "Peripheral nervous system", 5, kAll},
    {E::central_nervous_system, "central_nervous_system", "Central nervous system", 5, kNoLow},
    {E::haematological, "haematological", "Haematological", 2, kAll},
    {E::biological, "biological", "Biological", 1, kNoHigh},
}};

constexpr bool domains_in_enum_order() {
  for (std::size_t k = 0; k < kDomains.size(); ++k) {
    if (static_cast<std::size_t>(kDomains[k].domain) != k) return false;
  }
  return true;
}
static_assert(domains_in_enum_order());

constexpr int maximum() {
  int sum = 0;
  for (const auto& d : kDomains) {
    for (int l = 3; l >= 0; --l) {
      if (d.allowed[static_cast<std::size_t>(l)]) {
        sum += d.weight * l;
        break;
      }
    }
  }
  return sum;
}
static_assert(maximum() == kEssdaiMax);

constexpr std::array<std::string_view, kEssdaiDomainCount> domain_ids() {
  std::array<std::string_view, kEssdaiDomainCount> ids{};
  for (std::size_t k = 0; k < kDomains.size(); ++k) ids[k] = kDomains[k].id;
  return ids;
}
constexpr auto kIds = domain_ids();

std::string allowed_list(const EssdaiDomainInfo& d) {
  std::string s;
  for (int l = 0; l <= 3; ++l) {
    const auto level = static_cast<EssdaiLevel>(l);
    if (!d.has(level)) continue;
    if (!s.empty()) s += ", ";
    s += to_string(level);
  }
  return s;
}

InstrumentError not_defined(const EssdaiDomainInfo& d, EssdaiLevel l) {
  return fail(std::string(d.id), "ESSDAI " + std::string(d.id) + ": level \"" +
                                     std::string(to_string(l)) +
                                     "\" is not defined for this domain (levels: " +
                                     allowed_list(d) + ")");
}

}  // namespace

std::string_view to_string(EssdaiLevel level) {
  switch (level) {
    case EssdaiLevel::no: return "no";
    case EssdaiLevel::low: return "low";
    case EssdaiLevel::moderate: return "moderate";
    case EssdaiLevel::high: return "high";
  }
  return "?";
}

std::span<const EssdaiDomainInfo> essdai_domains() { return kDomains; }

const EssdaiDomainInfo& essdai_info(EssdaiDomain d) { return kDomains[static_cast<std::size_t>(d)]; }

Scored<EssdaiDomain> find_essdai_domain(std::string_view id) {
  for (const auto& d : kDomains) {
    if (d.id == id) return d.domain;
  }
  return fail(std::string(id), "ESSDAI: unknown domain \"" + std::string(id) + "\"");
}

Scored<EssdaiLevel> parse_essdai_level(EssdaiDomain domain, std::string_view text) {
  const EssdaiDomainInfo& d = essdai_info(domain);
  const std::string t = detail::lower_trimmed(text);
  for (int l = 0; l <= 3; ++l) {
    const auto level = static_cast<EssdaiLevel>(l);
    if (t == to_string(level) || t == std::to_string(l)) {
      if (!d.has(level)) return not_defined(d, level);
      return level;
    }
  }
  return fail(std::string(d.id), "ESSDAI " + std::string(d.id) + ": \"" + std::string(text) +
                                     "\" is not a level (no, low, moderate, high or 0–3)");
}

EssdaiVisit& EssdaiVisit::set(EssdaiDomain d, EssdaiLevel l) {
  levels_[static_cast<std::size_t>(d)] = l;
  return *this;
}

Scored<int> essdai_domain_score(EssdaiDomain domain, EssdaiLevel l) {
  const EssdaiDomainInfo& d = essdai_info(domain);
  if (!d.has(l)) return not_defined(d, l);
  return d.weight * static_cast<int>(l);
}

Scored<int> essdai(const EssdaiVisit& v) {
  int total = 0;
  for (const auto& d : kDomains) {
    auto s = essdai_domain_score(d.domain, v.level(d.domain));
    if (!s) return s;
    total += *s;
  }
  return total;
}

EssdaiBand essdai_band(int score) {
  if (score < 5) return EssdaiBand::low;
  if (score < 14) return EssdaiBand::moderate;
  return EssdaiBand::high;
}

std::string_view to_string(EssdaiBand b) {
  switch (b) {
    case EssdaiBand::low: return "low";
    case EssdaiBand::moderate: return "moderate";
    case EssdaiBand::high: return "high";
  }
  return "?";
}

Scored<EssdaiVisit> essdai_visit(const ItemValues& values) {
  auto texts = detail::match_items("ESSDAI", kIds, values);
  if (!texts) return texts.error();
  EssdaiVisit v;
  for (std::size_t k = 0; k < kDomains.size(); ++k) {
    auto l = parse_essdai_level(kDomains[k].domain, (*texts)[k]);
    if (!l) return l.error();
    v.set(kDomains[k].domain, *l);
  }
  return v;
}

Scored<int> essdai(const ItemValues& values) {
  auto v = essdai_visit(values);
  if (!v) return v.error();
  return essdai(*v);
}

}  // namespace il2t::instruments
