#include "model/plan.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace il2t::model {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool contains(const std::string& s, const char* w) { return lower(s).find(w) != std::string::npos; }
}  // namespace

CoursePlan plan_from_schedule(const protocol::Protocol& p, const schedule::ParticipantSchedule& s) {
  CoursePlan plan;
  int last = static_cast<int>(std::lround(p.timeline.duration_weeks.value * 7)) + 1;
  for (const schedule::ScheduledDose& d : s.doses) {
    DoseAt a;
    a.day = d.study_day;
    a.injection = d.route == "sc" || d.route == "im" || d.route == "iv";
    if (d.drug_id == "il2") { a.kind = DoseAt::Kind::il2; a.amount = d.il2_miu; }
    else if (d.drug_id == "sirolimus") { a.kind = DoseAt::Kind::sirolimus; a.amount = d.mass_mg; }
    else { a.kind = DoseAt::Kind::placebo; a.amount = 0; a.injection = a.injection || d.route == "unspecified"; }
    plan.doses.push_back(a);
    last = std::max(last, d.study_day);
  }
  int index = 0;
  for (const schedule::ScheduledVisit& v : s.visits) {
    plan.visits.push_back({v.study_day, index++});
    last = std::max(last, v.study_day);
  }
  plan.days = last;
  return plan;
}

std::optional<Disease> parse_disease(const std::string& text) {
  const std::string t = lower(text);
  if (t == "sle" || t.find("lupus") != std::string::npos) return Disease::sle;
  if (t == "pss" || t.find("sjögren") != std::string::npos || t.find("sjogren") != std::string::npos) return Disease::pss;
  if (t == "jia" || t.find("juvenile idiopathic arthritis") != std::string::npos) return Disease::jia;
  return std::nullopt;
}

std::optional<Disease> disease_of(const protocol::Protocol& p) {
  for (const std::string& c : p.population.conditions.value)
    if (auto d = parse_disease(c)) return d;
  return std::nullopt;
}

const char* to_string(Disease d) {
  switch (d) {
    case Disease::sle: return "sle";
    case Disease::pss: return "pss";
    case Disease::jia: return "jia";
  }
  return "";
}

Disease disease_of(Population p) {
  switch (p) {
    case Population::sle:
    case Population::csle: return Disease::sle;
    case Population::pss: return Disease::pss;
    case Population::jia: return Disease::jia;
  }
  return Disease::sle;
}

const char* to_string(Population p) {
  switch (p) {
    case Population::sle: return "sle";
    case Population::csle: return "csle";
    case Population::pss: return "pss";
    case Population::jia: return "jia";
  }
  return "";
}

bool studies_cmv(const protocol::Protocol& p) {
  for (const std::string& c : p.population.conditions.value)
    if (contains(c, "cytomegalovirus") || contains(c, "cmv")) return true;
  return contains(p.identity.title.value, "cytomegalovirus") || contains(p.identity.title.value, "cmv");
}

}  // namespace il2t::model
