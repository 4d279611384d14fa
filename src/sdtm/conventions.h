#pragma once
// How il2trial's records and a protocol's plan meet SDTM's terms, each stated once for
// both the writer (write_trial.h) and the reader (read_trial.h):
// - a protocol visit's SDTM name ("WEEK 12", "DAY 15", "MONTH 6") and number (its
//   place in the protocol, 1, 2, …; the screening visit is 0);
// - the epoch of a study day (SCREENING before day 1, TREATMENT to the end of dosing,
//   FOLLOW-UP after);
// - an adverse event's category from its body system (MedDRA SOC) or AECAT;
// - glucocorticoids and their prednisone-equivalent factors, and dosing frequencies as
//   administrations per day;
// - the disposition terms.
#include <optional>
#include <string>
#include <string_view>

#include "protocol/protocol.h"
#include "trial/records.h"

namespace il2t::sdtm {

inline constexpr int kScreeningVisitNum = 0;
inline constexpr std::string_view kScreeningVisit = "SCREENING";
// The study day the writer puts screening on (weight, height, activity and
// prednisone at entry): a week before the first dose.
inline constexpr int kScreeningDay = -7;

std::string visit_name(const protocol::Visit& v);  // "WEEK 12"

// "SCREENING", "TREATMENT" or "FOLLOW-UP" for study day `day` (SDTM numbering: no day 0).
std::string_view epoch_of(const protocol::Protocol& p, int day);

// AE categories: AECAT as written, and the MedDRA system organ class written beside it.
std::string_view ae_category(trial::AdverseEvent::Category c);
std::string_view ae_body_system(trial::AdverseEvent::Category c);
// The category of a delivered event: an infection when its body system (AEBODSYS or
// AESOC) is "Infections and infestations" or AECAT says INFECTION; a flare when AECAT
// says FLARE; otherwise any other adverse event (a reaction).
trial::AdverseEvent::Category ae_category_of(std::string_view body_system, std::string_view category);

// The factor that turns a dose of glucocorticoid `name` (CMDECOD or CMTRT, any case)
// into prednisone-equivalent mg (prednisone 1, methylprednisolone 1.25, dexamethasone
// 6.67, ...; ../shared/reference/instruments.md 6.1), by its first word, so that a salt
// ("PREDNISOLONE ACETATE") is its drug; nullopt for a drug not on the list.
std::optional<double> prednisone_factor(std::string_view name);
// True for a route that reaches the whole body (CMROUTE ORAL, INTRAVENOUS,
// INTRAMUSCULAR, SUBCUTANEOUS, any case): a topical, inhaled, nasal, ophthalmic,
// rectal or intra-articular glucocorticoid is not counted as a systemic dose.
bool systemic_route(std::string_view route);
// Administrations per day of an SDTM dosing frequency (CMDOSFRQ: QD 1, BID 2, TID 3,
// QID 4, QOD 0.5, Q2D 0.5, QW 1/7, ONCE 1 on its day); nullopt when unknown.
std::optional<double> per_day(std::string_view frequency);

// A SLEDAI-2K descriptor given on its own: RSTESTCD SLEDAI01 to SLEDAI24, in the
// form's order (instruments/sledai.h), with RSSTRESC Y or N; its index, or nullopt.
std::optional<std::size_t> sledai_item_of(std::string_view testcd);

// `text` with each control character shown as \xNN, so that a delivered value cannot
// drive the terminal a message is printed on.
std::string printable(std::string_view text);

// True when two SDTM terms are the same but for case ("Completed", "COMPLETED").
bool same_text(std::string_view a, std::string_view b);
// How many of an age unit (AGEU: YEARS, MONTHS, WEEKS, DAYS, any case) make a year;
// nullopt for another unit.
std::optional<double> age_units_per_year(std::string_view unit);

inline constexpr std::string_view kCompleted = "COMPLETED";
// The simulator's dropout, as SDTM's controlled term for it.
inline constexpr std::string_view kDiscontinued = "WITHDRAWAL BY SUBJECT";

}  // namespace il2t::sdtm
