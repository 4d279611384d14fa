#include "instruments/bilag.h"

#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

using D = BilagDomain;
constexpr std::array<BilagDomainInfo, kBilagDomainCount> kDomains{{
    {D::constitutional, "constitutional", "Constitutional"},
    {D::mucocutaneous, "mucocutaneous", "Mucocutaneous"},
    {D::neuropsychiatric, "neuropsychiatric", "Neuropsychiatric"},
    {D::musculoskeletal, "musculoskeletal", "Musculoskeletal"},
    {D::cardiorespiratory, "cardiorespiratory", "Cardiorespiratory"},
    {D::gastrointestinal, "gastrointestinal", "Gastrointestinal"},
    {D::ophthalmic, "ophthalmic", "Ophthalmic"},
    {D::renal, "renal", "Renal"},
    {D::haematological, "haematological", "Haematological"},
}};

constexpr bool domains_in_enum_order() {
  for (std::size_t k = 0; k < kDomains.size(); ++k) {
    if (static_cast<std::size_t>(kDomains[k].domain) != k) return false;
  }
  return true;
}
static_assert(domains_in_enum_order());

constexpr std::array<std::string_view, kBilagDomainCount> domain_ids() {
  std::array<std::string_view, kBilagDomainCount> ids{};
  for (std::size_t k = 0; k < kDomains.size(); ++k) ids[k] = kDomains[k].id;
  return ids;
}
constexpr auto kIds = domain_ids();

bool c_d_or_e(BilagGrade g) {
  return g == BilagGrade::C || g == BilagGrade::D || g == BilagGrade::E;
}

}  // namespace

std::span<const BilagDomainInfo> bilag_domains() { return kDomains; }

Scored<BilagDomain> find_bilag_domain(std::string_view id) {
  for (const auto& d : kDomains) {
    if (d.id == id) return d.domain;
  }
  return fail(std::string(id), "BILAG-2004: unknown domain \"" + std::string(id) + "\"");
}

Scored<BilagGrade> parse_bilag_grade(std::string_view domain, std::string_view text) {
  const std::string t = detail::lower_trimmed(text);
  if (t == "a") return BilagGrade::A;
  if (t == "b") return BilagGrade::B;
  if (t == "c") return BilagGrade::C;
  if (t == "d") return BilagGrade::D;
  if (t == "e") return BilagGrade::E;
  return fail(std::string(domain), "BILAG-2004 " + std::string(domain) + ": \"" + std::string(text) +
                                       "\" is not a grade (A, B, C, D or E)");
}

char to_char(BilagGrade g) { return static_cast<char>('A' + static_cast<int>(g)); }

int bilag_numeric(BilagGrade g) {
  switch (g) {
    case BilagGrade::A: return 12;
    case BilagGrade::B: return 8;
    case BilagGrade::C: return 1;
    case BilagGrade::D:
    case BilagGrade::E: return 0;
  }
  return 0;
}

BilagVisit& BilagVisit::set(BilagDomain d, BilagGrade g) {
  grades_[static_cast<std::size_t>(d)] = g;
  return *this;
}

int bilag_total(const BilagVisit& v) {
  int total = 0;
  for (const auto& d : kDomains) total += bilag_numeric(v.grade(d.domain));
  return total;
}

int count_grade(const BilagVisit& v, BilagGrade g) {
  int n = 0;
  for (const auto& d : kDomains) n += v.grade(d.domain) == g ? 1 : 0;
  return n;
}

bool bilag_1a_or_2b(const BilagVisit& v) {
  return count_grade(v, BilagGrade::A) >= 1 || count_grade(v, BilagGrade::B) >= 2;
}

int new_bilag_a(const BilagVisit& baseline, const BilagVisit& followup) {
  int n = 0;
  for (const auto& d : kDomains) {
    if (followup.grade(d.domain) == BilagGrade::A && baseline.grade(d.domain) != BilagGrade::A) ++n;
  }
  return n;
}

int new_bilag_b(const BilagVisit& baseline, const BilagVisit& followup) {
  int n = 0;
  for (const auto& d : kDomains) {
    if (followup.grade(d.domain) == BilagGrade::B && c_d_or_e(baseline.grade(d.domain))) ++n;
  }
  return n;
}

Scored<BilagVisit> bilag_visit(const ItemValues& values) {
  auto texts = detail::match_items("BILAG-2004", kIds, values);
  if (!texts) return texts.error();
  BilagVisit v;
  for (std::size_t k = 0; k < kDomains.size(); ++k) {
    auto g = parse_bilag_grade(kDomains[k].id, (*texts)[k]);
    if (!g) return g.error();
    v.set(kDomains[k].domain, *g);
  }
  return v;
}

}  // namespace il2t::instruments
