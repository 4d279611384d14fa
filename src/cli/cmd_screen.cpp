// il2trial screen PATIENTS (--protocol FILE ... | --all) [--as-of DATE] [--json]:
// candidates against protocols' eligibility criteria.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/load.h"
#include "data/patient_reader.h"
#include "eligibility/screen.h"
#include "report/screen_formats.h"
#include "schedule/date.h"

namespace il2t::cli {

namespace {

struct Options {
  std::string patients;
  std::vector<std::string> protocols;
  bool all = false;
  std::string protocols_dir = "protocols";
  std::string as_of;
  bool json = false;
  std::string out;
};

// Today's date where the user is (the local calendar date, not UTC's).
std::int32_t today() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  const std::chrono::year_month_day ymd{std::chrono::year(local.tm_year + 1900),
                                        std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                                        std::chrono::day(static_cast<unsigned>(local.tm_mday))};
  return static_cast<std::int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

int run(Options o) {
  std::int32_t as_of = today();
  if (!o.as_of.empty()) {
    auto d = schedule::Date::parse(o.as_of);
    if (!d) {
      std::cerr << "il2trial screen: error: --as-of: \"" << o.as_of << "\" is not a date (YYYY-MM-DD)\n";
      return 2;
    }
    as_of = static_cast<std::int32_t>(d->days().time_since_epoch().count());
  }
  if (o.all) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(o.protocols_dir, ec)) {
      if (e.path().extension() == ".toml") o.protocols.push_back(e.path().string());
    }
    if (ec || o.protocols.empty()) {
      std::cerr << "il2trial screen: error: --all: no protocol files in " << o.protocols_dir << "\n";
      return 2;
    }
    std::sort(o.protocols.begin(), o.protocols.end());
  }
  if (o.protocols.empty()) {
    std::cerr << "il2trial screen: error: give --protocol FILE (one or more) or --all\n";
    return 2;
  }
  bool bad = false;
  std::vector<eligibility::CompiledProtocol> compiled;
  for (const std::string& f : o.protocols) {
    auto loaded = load_protocol(f, std::cerr, true);
    if (!loaded) {
      bad = true;
      continue;
    }
    Diagnostics d(f);
    auto c = eligibility::compile_protocol(loaded->protocol, d);
    if (c) compiled.push_back(std::move(*c));
  }
  data::PatientInput in = data::read_patients_file(o.patients, as_of);
  std::set<std::string> ids;
  for (const auto& r : in.records) {
    if (!ids.insert(r.id).second)
      in.diagnostics.warning({}, "patient_id \"" + r.id + "\" appears more than once (row " + std::to_string(r.row) + ")");
  }
  for (const auto& d : in.diagnostics.items()) std::cerr << format(d) << "\n";
  bad = bad || in.diagnostics.has_errors();

  std::vector<eligibility::ScreenResult> results;
  for (const auto& r : in.records) {
    for (const auto& p : compiled) results.push_back(eligibility::screen(p, r, as_of));
  }
  if (compiled.empty()) return 1;  // every protocol had errors, printed above
  const report::ScreenDate date{schedule::Date::from_days(std::chrono::sys_days(std::chrono::days(as_of))).iso(), !o.as_of.empty()};
  const std::string text = o.json ? report::screen_json(results, date) : report::screen_text(results, date);
  if (!emit(text, o.out, std::cerr)) return 1;
  if (in.diagnostics.has_errors())
    std::cerr << o.patients << ": " << in.rows_read - static_cast<int>(in.records.size()) << " of " << in.rows_read
              << " rows had errors and were not screened\n";
  return bad ? 1 : 0;
}

}  // namespace

void add_screen(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("screen", "Screen candidates (CSV or JSON records) against protocols' eligibility "
                                           "criteria");
  auto o = std::make_shared<Options>();
  cmd->add_option("patients", o->patients, "Patient records: .csv (one row a patient) or .json "
                                           "(docs/patient-record.md)")->required();
  auto* prot = cmd->add_option("--protocol", o->protocols, "Protocol file (repeatable)");
  auto* all = cmd->add_flag("--all", o->all, "Every protocol in --protocols-dir");
  prot->excludes(all);
  cmd->add_option("--protocols-dir", o->protocols_dir, "Where --all looks (default: protocols)");
  cmd->add_option("--as-of", o->as_of, "Screening date, YYYY-MM-DD (default: today); later dates in records are "
                                       "errors");
  cmd->add_flag("--json", o->json, "Write JSON instead of text");
  cmd->add_option("--out,-o", o->out, "Write to this file (whole or not at all) instead of standard output");
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
