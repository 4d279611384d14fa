#pragma once
// The catalogue of measures: every value a participant's records can hold (a test
// code, as SDTM's QS, LB and CM findings carry it) and every instrument a protocol's
// endpoint may name, each defined once. Validation, design, endpoints, records, their
// reader and the reports look measures up here; nothing else spells a test code, a
// range or an instrument id.
//
// Order matters and is append-only: a test's Id is its place in the record files and
// the order the engine emits findings in; the instruments' order is the order the
// validator lists them in.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace il2t::measures {

// The BILAG-2004 domains, one test each (instruments/bilag.h's BilagDomain order).
inline constexpr std::size_t kBilagDomains = 9;

// Every recorded value.
enum class Id : std::uint8_t {
  sledai_2k,
  pga,
  bilag_first,  // the nine BILAG-2004 domains follow in BilagDomain order, grade A=0 … E=4
  essdai = bilag_first + kBilagDomains,
  esspri,
  jadas27,
  treg_pct,
  nk,
  cd8,
  prednisone,
  cmv,   // copies/mL; 0 below the limit of quantification
  treg,  // Treg count, cells/µL
  c3,    // g/L
  c4,    // g/L
  anti_dsdna,  // IU/mL
  count
};
inline constexpr std::size_t kTestCount = static_cast<std::size_t>(Id::count);

// The SDTM domain a finding belongs to. SDTMIG 3.3 and later place clinician-rated
// scales (clinical classifications: SLEDAI-2K, BILAG-2004, the PGA, ESSDAI, JADAS) in
// RS and patient-reported ones (ESSPRI) in QS (docs/sdtm.md).
enum class Domain : std::uint8_t { qs, lb, cm, rs };

struct TestSpec {
  Id id;
  std::string_view code;   // --TESTCD: "SLEDAI2K"
  std::string_view label;  // for people: "SLEDAI-2K"
  std::string_view unit;   // "" for a score
  Domain domain;
  double lo, hi;           // the values it may take
  bool whole;              // a whole number (a score, a grade)
  // Its column in `il2trial patient --out`'s visit rows, after the fixed ones (""
  // for a test those already show).
  std::string_view patient_column = "";
  // Produced by an observation-only parameter group (parameter_set.h's
  // kObservationOnlyGroups): no calibration target may read it.
  bool observation_only = false;
  // Its instrument as SDTM's --CAT names it ("SLEDAI-2K", "BILAG-2004"); "" for a lab
  // test or a medication.
  std::string_view category = "";
  // A coded result (--STRESC): the character values of 0, 1, 2, … in order ("ABCDE"
  // for a BILAG-2004 grade); "" for a numeric result (--STRESN).
  std::string_view coded = "";
};

// One visit's recorded values, by test (NaN: not measured).
using Values = std::array<double, kTestCount>;
Values no_values();

std::span<const TestSpec> tests();  // in Id order
const TestSpec& test(Id id);
std::optional<Id> find_test(std::string_view code);

// How an endpoint's per-participant value is read from the records.
enum class Reading : std::uint8_t {
  sri4,           // SRI-4 responder at the timepoint against the baseline visit; missing = non-responder
  undetectable,   // CMV DNA below quantification at the timepoint; missing = not cleared
  any_event,      // any adverse event (or infection) by the last timepoint's day
  time_to_event,  // days to the first infection, censored at the last day observed
  value,          // the measured value at the (last) timepoint; missing stays missing
  event_count,    // the number of adverse events (or infections) by the last timepoint, with days at risk
  not_simulated,
};

// A range of values for an arm's histogram of an endpoint read as a value.
struct HistogramRange {
  double lo = 0, hi = 60;
  std::size_t bins = 240;
};

struct InstrumentSpec {
  std::string_view id;                  // the protocol's `instrument`: "sledai-2k"
  Reading reading = Reading::not_simulated;
  Reading binary_reading;               // with a two-group test of proportions (fisher, chi-square)
  Reading cox_reading;                  // with a Cox model
  std::optional<Id> test;               // the value it reads (value and undetectable readings)
  bool log10 = false;                   // analysed as log10 of max(value, 1) (viral loads)
  bool infections_only = false;         // any_event counts infections only
  HistogramRange histogram;
  std::string_view note = "";           // what a reader should know (a stand-in, a caveat)
};

std::span<const InstrumentSpec> instruments();  // in the validator's order
const InstrumentSpec* find_instrument(std::string_view id);
// The reading of instrument `id` under analysis method `method` (the protocol's
// spelling: "fisher", "cox", ...); not_simulated for an unknown instrument or method.
Reading reading_for(std::string_view id, std::string_view method);

// An analysis method a protocol may name: which of an instrument's readings it takes,
// and on which readings it runs (`needs` says so in words, for the validator).
struct MethodSpec {
  enum class Takes : std::uint8_t { reading, binary, time, count };
  std::string_view name;  // the protocol's spelling: "fisher", "mmrm", ...
  Takes takes = Takes::reading;
  std::string_view needs;  // "a binary response", ...; empty: runs on any reading
  bool pairwise = true;    // compares each arm with the reference (multiplicity applies)
};
std::span<const MethodSpec> methods();  // in the validator's order
const MethodSpec* find_method(std::string_view name);
// Whether `m` runs on an endpoint read as `r` (any method runs on what is not simulated:
// nothing of it is analysed).
bool runs_on(const MethodSpec& m, Reading r);

}  // namespace il2t::measures
