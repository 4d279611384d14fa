#pragma once
// The SDTM domains il2trial writes and reads, and the variables of each, named once:
// the writer lays datasets out from these lists and the reader checks a delivered
// dataset for the required ones (docs/sdtm.md lists them).
//
// - DM  one row per participant: arm, age, sex, reference dates;
// - DS  disposition (completed or discontinued, and when);
// - EX  exposure to the study treatment;
// - SV  the visits each participant attended;
// - VS  weight and height at screening;
// - AE  adverse events, with AETOXGR (CTCAE grade) and AESER;
// - CM  glucocorticoids, as doses of a named drug (read back as prednisone equivalents);
// - LB  laboratory and cell counts;
// - RS  clinician-rated scales (SLEDAI-2K, BILAG-2004, PGA, ESSDAI, JADAS-27);
// - QS  patient-reported scales (ESSPRI).
#include <span>
#include <string_view>

#include "measures/catalogue.h"
#include "sdtm/dataset.h"

namespace il2t::sdtm {

struct VariableSpec {
  std::string_view name;
  VarType type;
  std::string_view label;
  bool required = false;  // the reader refuses a dataset without it
};

struct DomainSpec {
  std::string_view name;   // "DM"
  std::string_view label;  // "Demographics"
  std::span<const VariableSpec> variables;
};

const DomainSpec& dm();
const DomainSpec& ds();
const DomainSpec& ex();
const DomainSpec& sv();
const DomainSpec& vs();
const DomainSpec& ae();
const DomainSpec& cm();
// A findings domain of the catalogue's tests: LB, RS or QS (its variables' prefix is
// the domain's name).
const DomainSpec& findings(measures::Domain d);

// Every domain, in the order the writer writes them.
std::span<const DomainSpec* const> all_domains();
const DomainSpec* find_domain(std::string_view name);

// An empty dataset with the domain's variables.
Dataset empty_dataset(const DomainSpec& spec);

}  // namespace il2t::sdtm
