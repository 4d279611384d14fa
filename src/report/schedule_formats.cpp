#include "report/schedule_formats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "data/csv.h"
#include "data/ics.h"
#include "il2trial/version.h"

namespace il2t::report {

namespace {

// Doses and visits merged in day order (visits after doses on the same day).
template <typename OnDose, typename OnVisit>
void in_day_order(const schedule::ParticipantSchedule& s, OnDose on_dose, OnVisit on_visit) {
  std::size_t i = 0, k = 0;
  while (i < s.doses.size() || k < s.visits.size()) {
    if (k >= s.visits.size() || (i < s.doses.size() && s.doses[i].study_day <= s.visits[k].study_day)) {
      on_dose(s.doses[i++]);
    } else {
      on_visit(s.visits[k++]);
    }
  }
}

std::string window(const schedule::ScheduledVisit& v) {
  return v.window_days > 0 ? fmt::format("{} to {}", v.earliest.iso(), v.latest.iso()) : v.date.iso();
}

std::string il2_total(const schedule::ParticipantSchedule& s) {
  double miu = 0;
  for (const auto& d : s.doses) miu += d.il2_miu;
  return units::format_number(std::round(miu * 1000) / 1000);
}

}  // namespace

std::string schedule_table(const schedule::ParticipantSchedule& s) {
  std::string o = fmt::format("{} arm {} ({}), first dose {}: {} doses, {} visits, {} MIU of IL-2\n\n",
                              s.protocol_id, s.arm_id, s.arm_label, s.start.iso(), s.doses.size(), s.visits.size(),
                              il2_total(s));
  std::size_t w_drug = 10, w_dose = 10;
  for (const auto& d : s.doses) {
    w_drug = std::max(w_drug, d.drug.size());
    w_dose = std::max(w_dose, d.as_written.size());
  }
  for (const auto& v : s.visits) w_drug = std::max(w_drug, v.id.size());
  o += fmt::format("{:<10} {:<3} {:>4}  {:<6} {:<{}} {:<{}} {}\n", "date", "", "day", "event", "drug", w_drug,
                   "as written", w_dose, "amount / window");
  in_day_order(
      s,
      [&](const schedule::ScheduledDose& d) {
        o += fmt::format("{:<10} {:<3} {:>4}  {:<6} {:<{}} {:<{}} {}\n", d.date.iso(), d.date.weekday(), d.study_day,
                         "dose", d.drug, w_drug, d.as_written, w_dose,
                         d.absolute.empty() ? "-" : d.absolute + " " + d.route);
      },
      [&](const schedule::ScheduledVisit& v) {
        o += fmt::format("{:<10} {:<3} {:>4}  {:<6} {:<{}} {:<{}} {}\n", v.date.iso(), v.date.weekday(), v.study_day,
                         "visit", v.id, w_drug, "", w_dose, window(v));
      });
  return o;
}

std::string schedule_csv(const schedule::ParticipantSchedule& s) {
  std::string o = data::csv_row({"event", "date", "study_day", "drug_or_visit", "as_written", "amount", "route",
                                 "cycle", "window_start", "window_end"});
  in_day_order(
      s,
      [&](const schedule::ScheduledDose& d) {
        o += data::csv_row({"dose", d.date.iso(), std::to_string(d.study_day), d.drug, d.as_written, d.absolute,
                            d.route, std::to_string(d.cycle), "", ""});
      },
      [&](const schedule::ScheduledVisit& v) {
        o += data::csv_row({"visit", v.date.iso(), std::to_string(v.study_day), v.id, "", "", "", "",
                            v.earliest.iso(), v.latest.iso()});
      });
  return o;
}

std::string schedule_json(const schedule::ParticipantSchedule& s, const std::string& protocol_sha256) {
  nlohmann::ordered_json j;
  j["protocol"] = s.protocol_id;
  j["arm"] = s.arm_id;
  j["start"] = s.start.iso();
  j["doses"] = nlohmann::ordered_json::array();
  for (const auto& d : s.doses)
    j["doses"].push_back({{"date", d.date.iso()},
                          {"study_day", d.study_day},
                          {"drug", d.drug},
                          {"as_written", d.as_written},
                          {"amount", d.absolute},
                          {"il2_miu", d.il2_miu},
                          {"route", d.route},
                          {"cycle", d.cycle}});
  j["visits"] = nlohmann::ordered_json::array();
  for (const auto& v : s.visits)
    j["visits"].push_back({{"id", v.id},
                           {"date", v.date.iso()},
                           {"study_day", v.study_day},
                           {"window_start", v.earliest.iso()},
                           {"window_end", v.latest.iso()}});
  j["input_sha256"] = protocol_sha256;
  j["program"] = {{"name", "il2trial"}, {"version", kVersion}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string schedule_ics(const schedule::ParticipantSchedule& s, const std::string& dtstamp) {
  std::vector<data::IcsEvent> events;
  const std::string base = s.protocol_id + "-" + s.arm_id + "-" + s.start.compact();
  for (std::size_t i = 0; i < s.doses.size(); ++i) {
    const auto& d = s.doses[i];
    events.push_back({fmt::format("{}-dose{}-day{}@il2trial", base, i + 1, d.study_day), d.date.compact(),
                      fmt::format("{} {} {} (study day {})", d.drug, d.absolute.empty() ? d.as_written : d.absolute,
                                  d.route, d.study_day),
                      fmt::format("{} arm {}: dose as written {}, cycle {}", s.protocol_id, s.arm_id, d.as_written,
                                  d.cycle)});
  }
  for (const auto& v : s.visits) {
    events.push_back({fmt::format("{}-visit-{}@il2trial", base, v.id), v.date.compact(),
                      fmt::format("Visit {} (study day {})", v.id, v.study_day),
                      fmt::format("{} arm {}: window {} to {}", s.protocol_id, s.arm_id, v.earliest.iso(),
                                  v.latest.iso())});
  }
  return data::write_ics(events, s.protocol_id + " " + s.arm_id, dtstamp);
}

}  // namespace il2t::report
