#pragma once
// One simulated participant's course as CSV: a row per study day (the state at the
// start of the day, before its doses) and, after it, a row per visit held that day
// (the clinician's observations). The header starts with `day`.
#include <cstdint>
#include <string>
#include <vector>

#include "model/course.h"
#include "model/individual.h"
#include "model/plan.h"

namespace il2t::report {

std::string patient_csv(const model::Individual& ind, const model::CoursePlan& plan, const model::CourseBuffers& c,
                        const std::vector<std::string>& visit_ids);

// The course as an SVG figure: plasma IL-2, Treg % of CD4, NK and CD8, disease
// activity and prednisone, with the doses marked.
std::string patient_svg(const std::string& title, const model::Individual& ind, const model::CoursePlan& plan,
                        const model::CourseBuffers& c);

// What a participant's course was computed from: the protocol file's and the parameter
// set's SHA-256, the seed and the program version.
struct PatientProvenance {
  std::string protocol_sha256, parameters_sha256;
  std::uint64_t seed = 0;
};

// A few lines for the terminal: doses, Treg peak, disease scores, events, solver work,
// provenance.
std::string patient_summary(const std::string& protocol_id, const std::string& arm, model::Disease d,
                            const PatientProvenance& prov, const model::CoursePlan& plan,
                            const model::CourseBuffers& c, const model::CourseResult& res);

}  // namespace il2t::report
