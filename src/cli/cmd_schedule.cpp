// il2trial schedule FILE --arm ID --start DATE [--participant ID] [--unblinded]: one
// participant's doses and visits; a masked protocol's are blinded unless --unblinded.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/commands.h"
#include "cli/load.h"
#include "report/schedule_formats.h"
#include "schedule/schedule.h"
#include "trial/allocation_file.h"

namespace il2t::cli {

namespace {

struct Options {
  std::string file, arm, start, format = "table", out;
  std::optional<double> weight, height;
  std::optional<std::string> participant;
  bool unblinded = false;
};

constexpr const char* kDefaultParticipant = "1";

std::string render(const std::string& format, const schedule::ParticipantSchedule& s, const report::ScheduleView& view,
                   const std::string& sha256, const std::string& dtstamp) {
  if (format == "table") return report::schedule_table(s, view);
  if (format == "csv") return report::schedule_csv(s, view);
  if (format == "json") return report::schedule_json(s, sha256, view);
  return report::schedule_ics(s, dtstamp, view);
}

// DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible output), else now.
std::string dtstamp_now() {
  std::time_t t = std::time(nullptr);
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::strtoll(e, nullptr, 10));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

bool check_body(const std::optional<double>& v, const char* name, double lo, double hi, const char* unit) {
  if (!v) return true;
  if (!std::isfinite(*v) || *v < lo || *v > hi) {
    std::cerr << "il2trial schedule: error: " << name << ": " << *v << " is not a plausible " << unit << " (" << lo
              << "–" << hi << ")\n";
    return false;
  }
  return true;
}

int run(const Options& o) {
  auto start = schedule::Date::parse(o.start);
  if (!start) {
    std::cerr << "il2trial schedule: error: --start: \"" << o.start << "\" is not a date (YYYY-MM-DD)\n";
    return 2;
  }
  if (!check_body(o.weight, "--weight", 1, 300, "body weight in kg") ||
      !check_body(o.height, "--height", 40, 250, "height in cm"))
    return 2;
  report::ScheduleView view;
  if (o.participant) {
    bool control = false, blank = true;
    for (unsigned char c : *o.participant) {
      control = control || c < 0x20 || c == 0x7f;
      blank = blank && c == ' ';
    }
    if (blank || control) {
      std::cerr << "il2trial schedule: error: --participant: give the participant's id (not blank, no control "
                   "characters)\n";
      return 2;
    }
    view.participant = *o.participant;
  } else {
    view.participant = kDefaultParticipant;
  }
  auto loaded = load_protocol(o.file, std::cerr, true);
  if (!loaded) return 1;
  const protocol::Protocol& p = loaded->protocol;
  units::Body body{o.weight, o.height};
  auto r = schedule::build_schedule(p, o.arm, *start, body);
  if (!r.schedule) {
    std::cerr << o.file << ": error: --arm " << o.arm << ": " << r.error << "\n";
    return 1;
  }
  const bool masked = trial::blinded(p);
  view.blinded = masked && !o.unblinded;
  const std::string masking = "identity.masking \"" + p.identity.masking.value + "\"";
  const std::string dtstamp = dtstamp_now();
  const std::string text = render(o.format, *r.schedule, view, loaded->sha256, dtstamp);
  if (view.blinded) {
    // Blinded, every arm's calendar must read the same: one that does not reveals the arm.
    for (const protocol::Arm& a : p.arms) {
      if (a.id == r.schedule->arm_id) continue;
      auto other = schedule::build_schedule(p, a.id, *start, body);
      if (other.schedule && render(o.format, *other.schedule, view, loaded->sha256, dtstamp) != text)
        std::cerr << "il2trial schedule: warning: " << p.identity.id.value << " is masked (" << masking
                  << ") but arm " << a.id << "'s blinded calendar differs from arm " << r.schedule->arm_id
                  << "'s (dose days, routes or cycles): this one can reveal the arm\n";
    }
  } else if (masked) {
    std::cerr << "il2trial schedule: note: " << p.identity.id.value << " is masked (" << masking
              << "): this unblinded calendar shows the arm and its doses; keep it from the participant and the "
                 "blinded staff\n";
  }
  if (o.format == "ics" && !o.participant)
    std::cerr << "il2trial schedule: warning: no --participant: the calendar's event UIDs are participant "
              << kDefaultParticipant << "'s, and another calendar made without --participant shares them; give each "
                 "participant's id\n";
  return emit(text, o.out, std::cerr) ? 0 : 1;
}

}  // namespace

void add_schedule(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("schedule", "One participant's doses and visits, with dates");
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "Protocol file (TOML)")->required();
  cmd->add_option("--arm", o->arm, "Arm id (see `il2trial show`)")->required();
  cmd->add_option("--start", o->start, "Date of the first dose, study day 1 (YYYY-MM-DD)")->required();
  cmd->add_option("--weight", o->weight, "Body weight in kg (for doses per kg or per m²)");
  cmd->add_option("--height", o->height, "Height in cm (for doses per m²)");
  cmd->add_option("--participant", o->participant,
                  "The participant's id (screening or randomisation number; default 1): named in the output, and "
                  "with the event it makes each calendar event's UID, unique to this participant and the same on "
                  "every run");
  cmd->add_flag("--unblinded", o->unblinded,
                "A masked protocol (identity.masking not \"none\"): show the arm, the drug and its doses; without "
                "it the doses read \"study drug\" (for the participant and the site)");
  cmd->add_option("--format", o->format, "table, csv, json or ics")
      ->check(CLI::IsMember({"table", "csv", "json", "ics"}));
  cmd->add_option("--out,-o", o->out, "Write to this file (whole or not at all) instead of standard output");
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
