#pragma once
// The basic data structure (BDS) of ADaM's ADRS and ADLB: one row per participant,
// parameter and analysis visit, and the small derivations its variables come from.
// Internal to src/adam.
#include <optional>
#include <string>
#include <vector>

#include "sdtm/dataset.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::adam::detail {

struct BdsRow {
  std::uint32_t subject = 0;
  std::string paramcd, param;
  std::optional<std::uint16_t> visit;  // nullopt: a derived timepoint without a visit of its own
  int day = 0;
  double aval = 0;
  std::string avalc;  // a coded value (a BILAG grade) or Y/N for a response
  std::optional<double> base;
  bool baseline = false;  // ABLFL
  bool analysed = false;  // ANL01FL
  std::string dtype;      // DTYPE: "NRI" for a non-responder imputed response
};

// The baseline visit's value of the same parameter, for every row of a participant.
void derive_base(std::vector<BdsRow>& rows, const trial::TrialDesign& d);

// A BDS dataset named `name` from its rows (CHG = AVAL − BASE where both exist).
sdtm::Dataset bds_dataset(const std::string& name, const std::vector<BdsRow>& rows, const trial::TrialDesign& d,
                          const trial::TrialRecords& r, const std::string& study,
                          const std::vector<std::string>& usubjid);

}  // namespace il2t::adam::detail
