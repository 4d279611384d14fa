#pragma once
// What the SDTM reader's steps (read_trial.cpp, read_findings.cpp, read_medication.cpp)
// share: the delivery, the design, the participants read so far, and how a problem is
// recorded with its file, row, variable and value. Internal to src/sdtm.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sdtm/dataset.h"
#include "sdtm/dates.h"
#include "sdtm/domains.h"
#include "sdtm/read_trial.h"

namespace il2t::sdtm::detail {

struct ReadContext {
  const trial::TrialDesign& d;
  const Study& study;
  bool lenient;
  ReadReport& report;
  std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>> subject_of;  // USUBJID → participant
  std::vector<std::chrono::sys_days> reference;  // per participant: RFSTDTC
  std::vector<int> last_record_day;              // per participant: the last day any record has

  // Column `name` of `ds` (Dataset::find), remembered: the readers ask per row.
  std::optional<std::size_t> column(const Dataset& ds, std::string_view name);
  struct Remembered {
    const Dataset* ds;
    std::string name;
    std::optional<std::size_t> column;
  };
  std::vector<Remembered> columns;

  // Records a problem at `row` of `ds` (row = SIZE_MAX: the dataset as a whole).
  void problem(const Dataset& ds, std::size_t row, std::string_view variable, const std::string& message);
  // The dataset of `domain`, or nullptr; a problem when a required one is missing.
  const Dataset* domain(const DomainSpec& spec, bool required);
  // True when `ds` holds every variable `spec` requires; a problem for each it lacks.
  bool has_required(const Dataset& ds, const DomainSpec& spec);
  // The participant of row r's USUBJID; nullopt, with a problem, when DM lacks it.
  std::optional<std::uint32_t> subject(const Dataset& ds, std::size_t r);
  // Row r's study day from its --DY, else from its --DTC against RFSTDTC, a partial
  // date imputed by `rule`; nullopt, with a problem, when neither gives one.
  std::optional<int> day(const Dataset& ds, std::size_t r, std::uint32_t subject, std::string_view prefix,
                         Imputation rule, std::string_view dy = "DY", std::string_view dtc = "DTC");
};

// A value quoted for a message: "\"WEEK 13\"", or "(missing)".
std::string quoted(std::string_view v);

}  // namespace il2t::sdtm::detail
