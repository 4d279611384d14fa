#pragma once
// BILAG-2004: the grade A–E of each of the 9 organ domains at one visit, their
// numeric total (A=12, B=8, C=1, D=0, E=0; Yee et al., Rheumatology 2010;49:1665;
// range 0–108), and the comparisons between two visits that responder indices use:
// a "new A" is a domain graded A now that was not A at baseline; a "new B" is a
// domain graded B now that was C, D or E at baseline. The item-level algorithm that
// turns the 97 BILAG items into a domain grade is not here: grades are the input.
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "instruments/items.h"
#include "instruments/result.h"

namespace il2t::instruments {

enum class BilagDomain {
  constitutional, mucocutaneous, neuropsychiatric, musculoskeletal, cardiorespiratory,
  gastrointestinal, ophthalmic, renal, haematological,
};
inline constexpr std::size_t kBilagDomainCount = 9;

// A severe (needs disease-modifying treatment), B moderate, C mild and stable,
// D previously involved but inactive, E never involved.
enum class BilagGrade { A, B, C, D, E };

struct BilagDomainInfo {
  BilagDomain domain;
  std::string_view id;    // "constitutional", ..., "haematological"
  std::string_view name;  // "Constitutional"
};
std::span<const BilagDomainInfo> bilag_domains();
// "BILAG-2004: unknown domain "x"".
Scored<BilagDomain> find_bilag_domain(std::string_view id);

// "A".."E" (either case) for `domain` (used in the message); other text is an error:
// "BILAG-2004 renal: "F" is not a grade (A, B, C, D or E)".
Scored<BilagGrade> parse_bilag_grade(std::string_view domain, std::string_view text);
char to_char(BilagGrade g);

// The numeric value of a grade in BILAG-2004 (Yee 2010): A=12, B=8, C=1, D=0, E=0.
int bilag_numeric(BilagGrade g);

class BilagVisit {
 public:
  BilagVisit() { grades_.fill(BilagGrade::E); }  // every domain never involved
  BilagVisit& set(BilagDomain d, BilagGrade g);
  BilagGrade grade(BilagDomain d) const { return grades_[static_cast<std::size_t>(d)]; }

 private:
  std::array<BilagGrade, kBilagDomainCount> grades_{};
};

int bilag_total(const BilagVisit& v);  // 0–108
inline constexpr int kBilagTotalMax = 108;

int count_grade(const BilagVisit& v, BilagGrade g);
// At least one domain A or at least two domains B (a common trial entry criterion).
bool bilag_1a_or_2b(const BilagVisit& v);
// Domains graded A at follow-up that were not A at baseline.
int new_bilag_a(const BilagVisit& baseline, const BilagVisit& followup);
// Domains graded B at follow-up that were C, D or E at baseline.
int new_bilag_b(const BilagVisit& baseline, const BilagVisit& followup);

// By name: each of the 9 domain ids once, with a grade letter.
Scored<BilagVisit> bilag_visit(const ItemValues& values);

}  // namespace il2t::instruments
