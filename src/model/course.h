#pragma once
// One participant's course under a dosing plan: the ODE between events, and at daily
// resolution the stochastic layer — infections, flares, adverse reactions to
// injections — plus visits, where the clinician's items are observed with rater and
// assay error and the steroid dose is tapered by the standard-of-care rule.
//
// Buffers are reserved once (CourseBuffers) and reused, so simulating a participant
// after the first allocates nothing.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "instruments/bilag.h"
#include "measures/catalogue.h"
#include "model/rng.h"
#include "model/individual.h"
#include "model/observe.h"
#include "model/serology.h"
#include "model/solver.h"

namespace il2t::model {

struct DoseAt {
  enum class Kind { il2, sirolimus, placebo } kind = Kind::il2;
  int day = 1;          // study day (t = day - 1)
  double amount = 0;    // MIU for IL-2, mg for sirolimus, 0 for placebo
  bool injection = true;  // subcutaneous: may cause an injection-site reaction
};

struct VisitAt {
  int day = 1;
  int index = 0;  // the caller's visit number (protocol order)
};

struct CoursePlan {
  std::vector<DoseAt> doses;    // in day order
  std::vector<VisitAt> visits;  // in day order
  int days = 1;                 // daily rows 1..days
};

struct DailyRow {
  int day = 1;
  StateVector x{};              // at t = day - 1, before the day's doses
  double il2_mean_pM = 0;       // mean plasma IL-2 over the day
  double prednisone = 0;
  double lymphocytes = 0;
  double treg_pct_cd4 = 0;
};

struct VisitRow {
  int day = 1, visit = 0;
  int sledai = 0, clinical_sledai = 0;
  instruments::BilagVisit bilag;
  double pga = 0;
  bool sri4 = false;
  int essdai = 0;
  double esspri = 0;
  double jadas27 = 0;
  double treg_pct_obs = 0, nk_obs = 0, cd8_obs = 0;
  double prednisone = 0;
  double cmv_obs = 0;  // copies/mL; 0 when below the limit of quantification
  double treg_obs = 0; // Treg count, cells/µL
  double c3 = NAN, c4 = NAN, dsdna = NAN;  // SLE serology (serology.h): g/L, g/L, IU/mL; NaN in other diseases
  // The visit's recorded values by the catalogue's test (NaN: not measured in this
  // disease): what the trial engine emits, and what composite responses are derived
  // from (instruments/response.h). The named members above hold the same values.
  measures::Values value = measures::no_values();
};

struct Event {
  enum class Kind { infection, reaction, flare } kind = Kind::infection;
  int day = 1;
  const char* term = "";  // infection type or CTCAE term id
  int grade = 1;
  bool serious = false;
};

struct CourseBuffers {
  bool keep_daily = true;  // false: the daily rows are not kept (the trial engine reads visits and events only)
  std::vector<DailyRow> daily;
  std::vector<VisitRow> visits;
  std::vector<Event> events;
  void reserve(const CoursePlan& plan);
};

struct CourseKeys {
  std::uint64_t seed = 1, replicate = 0, participant = 0;
};

struct CourseResult {
  bool ok = true;
  Error error;  // solver failure, with the day
  SolverStats stats;
  DiseaseBaseline baseline;
};

// One participant's course, day by day, apart from the ODE solver, so that the same
// logic drives one participant (simulate_course, with Integrator) or several in SIMD
// lanes (course_lanes.h). For each study day: begin_day() applies visits, infections,
// flares and doses to the state at the day's start; the caller integrates the day
// under inputs(); end_day() records the day. Holds references to its arguments.
class CourseRun {
 public:
  CourseRun(const Individual& ind, const DiseaseTables& tables, const BaselineTargets& targets, const CoursePlan& plan,
            const CourseKeys& keys, CourseBuffers& out);
  CourseRun(const CourseRun&) = delete;
  CourseRun& operator=(const CourseRun&) = delete;

  StateVector initial_state() const;
  bool finished() const { return day_ > plan_.days; }
  int day() const { return day_; }  // the study day to integrate next
  void begin_day(StateVector& x);
  const Inputs& inputs() const { return u_; }
  void end_day(const StateVector& x);
  void fail(SolveStatus st);  // the day could not be solved: the course ends with an error
  const CourseResult& result() const { return res_; }

 private:
  const Individual& ind_;
  const DiseaseTables& tables_;
  const CoursePlan& plan_;
  CourseBuffers& out_;
  CourseResult res_;
  Stream obs_rng_, treg_rng_, inf_rng_, flare_rng_, ae_rng_, labs_rng_;
  SerologyBaseline serology_;
  std::array<bool, instruments::kBilagDomainCount> ever_{};
  std::optional<measures::Values> sri_base_;  // the day-1 visit's values, SRI-4's baseline
  Inputs u_;
  std::size_t next_dose_ = 0, next_visit_ = 0;
  bool flared_ = false;
  int day_ = 1;
  DailyRow row_;
  double auc0_ = 0;
};

CourseResult simulate_course(const Individual& ind, const DiseaseTables& tables, const BaselineTargets& targets,
                             const CoursePlan& plan, const CourseKeys& keys, CourseBuffers& out);

}  // namespace il2t::model
