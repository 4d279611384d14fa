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

// What a dose row shows of the drug and its dose: nothing that tells the arms apart when blinded.
std::string drug(const schedule::ScheduledDose& d, const ScheduleView& view) {
  return view.blinded ? kBlindedDrug : d.drug;
}
std::string as_written(const schedule::ScheduledDose& d, const ScheduleView& view) {
  return view.blinded ? "" : d.as_written;
}

}  // namespace

std::string schedule_table(const schedule::ParticipantSchedule& s, const ScheduleView& view) {
  std::string o =
      view.blinded
          ? fmt::format("{} participant {}, blinded, first dose {}: {} doses, {} visits\n\n", s.protocol_id,
                        view.participant, s.start.iso(), s.doses.size(), s.visits.size())
          : fmt::format("{} participant {}, arm {} ({}), first dose {}: {} doses, {} visits, {} MIU of IL-2\n\n",
                        s.protocol_id, view.participant, s.arm_id, s.arm_label, s.start.iso(), s.doses.size(),
                        s.visits.size(), il2_total(s));
  std::size_t w_drug = 10, w_dose = 10;
  for (const auto& d : s.doses) {
    w_drug = std::max(w_drug, drug(d, view).size());
    w_dose = std::max(w_dose, as_written(d, view).size());
  }
  for (const auto& v : s.visits) w_drug = std::max(w_drug, v.id.size());
  o += fmt::format("{:<10} {:<3} {:>4}  {:<6} {:<{}} {:<{}} {}\n", "date", "", "day", "event", "drug", w_drug,
                   "as written", w_dose, "amount / window");
  in_day_order(
      s,
      [&](const schedule::ScheduledDose& d) {
        const std::string amount = view.blinded ? d.route : d.absolute.empty() ? "-" : d.absolute + " " + d.route;
        o += fmt::format("{:<10} {:<3} {:>4}  {:<6} {:<{}} {:<{}} {}\n", d.date.iso(), d.date.weekday(), d.study_day,
                         "dose", drug(d, view), w_drug, as_written(d, view), w_dose, amount);
      },
      [&](const schedule::ScheduledVisit& v) {
        o += fmt::format("{:<10} {:<3} {:>4}  {:<6} {:<{}} {:<{}} {}\n", v.date.iso(), v.date.weekday(), v.study_day,
                         "visit", v.id, w_drug, "", w_dose, window(v));
      });
  return o;
}

std::string schedule_csv(const schedule::ParticipantSchedule& s, const ScheduleView& view) {
  std::string o = data::csv_row({"event", "date", "study_day", "drug_or_visit", "as_written", "amount", "route",
                                 "cycle", "window_start", "window_end"});
  in_day_order(
      s,
      [&](const schedule::ScheduledDose& d) {
        o += data::csv_row({"dose", d.date.iso(), std::to_string(d.study_day), drug(d, view), as_written(d, view),
                            view.blinded ? "" : d.absolute, d.route, std::to_string(d.cycle), "", ""});
      },
      [&](const schedule::ScheduledVisit& v) {
        o += data::csv_row({"visit", v.date.iso(), std::to_string(v.study_day), v.id, "", "", "", "",
                            v.earliest.iso(), v.latest.iso()});
      });
  return o;
}

std::string schedule_json(const schedule::ParticipantSchedule& s, const std::string& protocol_sha256,
                          const ScheduleView& view) {
  nlohmann::ordered_json j;
  j["protocol"] = s.protocol_id;
  j["participant"] = view.participant;
  j["blinded"] = view.blinded;
  if (!view.blinded) j["arm"] = s.arm_id;
  j["start"] = s.start.iso();
  j["doses"] = nlohmann::ordered_json::array();
  for (const auto& d : s.doses) {
    if (view.blinded)
      j["doses"].push_back({{"date", d.date.iso()},
                            {"study_day", d.study_day},
                            {"drug", kBlindedDrug},
                            {"route", d.route},
                            {"cycle", d.cycle}});
    else
      j["doses"].push_back({{"date", d.date.iso()},
                            {"study_day", d.study_day},
                            {"drug", d.drug},
                            {"as_written", d.as_written},
                            {"amount", d.absolute},
                            {"il2_miu", d.il2_miu},
                            {"route", d.route},
                            {"cycle", d.cycle}});
  }
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

std::string schedule_ics(const schedule::ParticipantSchedule& s, const std::string& dtstamp,
                         const ScheduleView& view) {
  std::vector<data::IcsEvent> events;
  // Who and (unblinded) which arm, at the head of each description and in the calendar's name.
  const std::string whose = view.blinded
                                ? fmt::format("{} participant {}", s.protocol_id, view.participant)
                                : fmt::format("{} participant {}, arm {}", s.protocol_id, view.participant, s.arm_id);
  const auto uid = [&](const std::string& event) { return data::ics_uid({s.protocol_id, view.participant, event}); };
  for (std::size_t i = 0; i < s.doses.size(); ++i) {
    const auto& d = s.doses[i];
    const std::string summary =
        view.blinded ? fmt::format("{} {} (study day {})", kBlindedDrug, d.route, d.study_day)
                     : fmt::format("{} {} {} (study day {})", d.drug, d.absolute.empty() ? d.as_written : d.absolute,
                                   d.route, d.study_day);
    const std::string description =
        view.blinded ? fmt::format("{}: {}, cycle {}", whose, kBlindedDrug, d.cycle)
                     : fmt::format("{}: dose as written {}, cycle {}", whose, d.as_written, d.cycle);
    events.push_back({uid(fmt::format("dose{}-day{}", i + 1, d.study_day)), d.date.compact(), summary, description});
  }
  for (const auto& v : s.visits) {
    events.push_back({uid("visit-" + v.id), v.date.compact(), fmt::format("Visit {} (study day {})", v.id, v.study_day),
                      fmt::format("{}: window {} to {}", whose, v.earliest.iso(), v.latest.iso())});
  }
  return data::write_ics(events, whose, dtstamp);
}

}  // namespace il2t::report
