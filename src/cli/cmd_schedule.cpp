// il2trial schedule FILE --arm ID --start DATE: one participant's doses and visits.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/commands.h"
#include "cli/load.h"
#include "report/schedule_formats.h"
#include "schedule/schedule.h"

namespace il2t::cli {

namespace {

struct Options {
  std::string file, arm, start, format = "table", out;
  std::optional<double> weight, height;
};

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
  auto loaded = load_protocol(o.file, std::cerr, true);
  if (!loaded) return 1;
  units::Body body{o.weight, o.height};
  auto r = schedule::build_schedule(loaded->protocol, o.arm, *start, body);
  if (!r.schedule) {
    std::cerr << o.file << ": error: --arm " << o.arm << ": " << r.error << "\n";
    return 1;
  }
  std::string text;
  if (o.format == "table") text = report::schedule_table(*r.schedule);
  else if (o.format == "csv") text = report::schedule_csv(*r.schedule);
  else if (o.format == "json") text = report::schedule_json(*r.schedule, loaded->sha256);
  else text = report::schedule_ics(*r.schedule, dtstamp_now());
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
  cmd->add_option("--format", o->format, "table, csv, json or ics")
      ->check(CLI::IsMember({"table", "csv", "json", "ics"}));
  cmd->add_option("--out,-o", o->out, "Write to this file (whole or not at all) instead of standard output");
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
