#include "calibration/studies.h"
#include "calibration/placebo_mapping.h"
#include "calibration/toml_error.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "data/read_file.h"
#include "data/sha256.h"
#include "measures/catalogue.h"
#include "model/plan.h"
#include "trial/load_protocol.h"

namespace il2t::calibration {

namespace {

std::optional<std::size_t> index_of(const std::vector<std::string>& ids, const std::string& id) {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == id) return i;
  return std::nullopt;
}

// A required string field of a table; sets `error` when absent.
std::optional<std::string> text(const std::string& file, const toml::table& t, const char* key, const char* where,
                                Error& error) {
  if (auto v = t[key].value<std::string>()) return *v;
  error = at(file, t, std::string(where) + "." + key, "missing (a string)");
  return std::nullopt;
}

// A positive, finite number field no larger than `most`.
std::optional<double> positive(const std::string& file, const toml::table& t, const char* key, double most,
                               Error& error) {
  const auto v = t[key].value<double>();
  if (!v || !std::isfinite(*v) || *v <= 0 || *v > most) {
    error = at(file, t, std::string("study.") + key, "write a number above 0 and at most " + std::to_string(static_cast<long>(most)));
    return std::nullopt;
  }
  return v;
}

// The fields of a kind = "pk" study (pk_study.h).
bool load_pk(const std::string& file, const toml::table& t, Study& st, Error& error) {
  for (const auto& [key, node] : t)
    if (key != "id" && key != "kind" && key != "population" && key != "prednisone" && key != "dose_miu" &&
        key != "hours" && key != "participants" && key != "terminal_points") {
      error = at(file, node, "study." + std::string(key.str()),
                 "not a field of a PK study (id, kind, population, prednisone, dose_miu, hours, participants, "
                 "terminal_points)");
      return false;
    }
  PkStudy pk;
  const auto dose = positive(file, t, "dose_miu", 100, error);
  const auto n = dose ? positive(file, t, "participants", 10000, error) : std::nullopt;
  if (!n) return false;
  if (*n != std::floor(*n)) {
    error = at(file, t, "study.participants", "a whole number");
    return false;
  }
  pk.dose_miu = *dose;
  pk.participants = static_cast<int>(*n);
  if (t.contains("terminal_points")) {
    const auto k = t["terminal_points"].value<int64_t>();
    if (!k || *k < 3 || *k > 100) {
      error = at(file, t, "study.terminal_points", "a whole number from 3 to 100");
      return false;
    }
    pk.terminal_points = static_cast<int>(*k);
  }
  const toml::array* hours = t["hours"].as_array();
  if (!hours || hours->empty()) {
    error = at(file, t, "study.hours", "write the sampling hours after the dose, e.g. [0.5, 1, 2, 4, 8, 24]");
    return false;
  }
  for (const toml::node& h : *hours) {
    const auto v = h.value<double>();
    if (!v || !std::isfinite(*v) || *v <= 0 || *v > 24 * 28 || (!pk.hours.empty() && *v <= pk.hours.back())) {
      error = at(file, h, "study.hours", "each an hour above 0 (at most 672), increasing");
      return false;
    }
    pk.hours.push_back(*v);
  }
  if (static_cast<int>(pk.hours.size()) < pk.terminal_points + 1) {
    error = at(file, t, "study.hours", "at least terminal_points + 1 samples (" + std::to_string(pk.terminal_points + 1) + ")");
    return false;
  }
  if (!st.stand_in) {
    error = at(file, t, "study.population",
               "a PK study names the population whose covariates stand in: population = { value = \"sle\", assumed = \"why\" }");
    return false;
  }
  pk.population = *st.stand_in;
  // No draw: the typical participant takes none when most would, else the median.
  if (st.prednisone) pk.prednisone = st.prednisone->zero >= 0.5 ? 0.0 : st.prednisone->median;
  st.pk = std::move(pk);
  return true;
}

// prednisone = { median = M, sd_log = S, zero = Z, source|assumed = "why" }: the study's
// own prednisone at entry (population::PrednisoneAtEntry), in place of its population's.
bool read_prednisone(const std::string& file, const toml::table& t, Study& st, Error& error) {
  const toml::node* node = t.get("prednisone");
  if (!node) return true;
  const toml::table* h = node->as_table();
  const char* example = "{ median = 15, sd_log = 0.5, zero = 0.03, source = \"the baseline table\" } (or assumed = \"why\")";
  if (!h) {
    error = at(file, *node, "study.prednisone", std::string("write ") + example);
    return false;
  }
  const auto median = (*h)["median"].value<double>();
  const auto sd_log = (*h)["sd_log"].value<double>();
  const auto zero = (*h)["zero"].value<double>();
  const auto source = (*h)["source"].value<std::string>();
  const auto assumed = (*h)["assumed"].value<std::string>();
  const bool one_reason = (source && !source->empty()) != (assumed && !assumed->empty());
  if (!median || !sd_log || !zero || !one_reason || h->size() != 4) {
    error = at(file, *node, "study.prednisone", std::string("write ") + example);
    return false;
  }
  if (!std::isfinite(*zero) || *zero < 0 || *zero > 1) {
    error = at(file, *node, "study.prednisone.zero", std::to_string(*zero) + " is not a probability");
    return false;
  }
  if (!std::isfinite(*median) || *median < 0 || *median > 200 || (*median == 0 && *zero < 1)) {
    error = at(file, *node, "study.prednisone.median",
               std::to_string(*median) + " is not a daily prednisone dose in (0, 200] mg (0 only with zero = 1: nobody takes any)");
    return false;
  }
  if (!std::isfinite(*sd_log) || *sd_log < 0 || *sd_log > 3) {
    error = at(file, *node, "study.prednisone.sd_log", std::to_string(*sd_log) + " is not an SD of log in [0, 3]");
    return false;
  }
  st.prednisone = population::PrednisoneAtEntry{*median, *sd_log, *zero};
  return true;
}

// A study whose protocol cannot be read or made into a trial: text() "file:line: study
// ID: why", at the study's table.
Error protocol_error(const std::string& file, const toml::table& t, const Study& st, const std::string& why) {
  return Error{.message = "study " + st.id + ": " + why,
               .file = file,
               .pos = {static_cast<int>(t.source().begin.line), 0},
               .field = "study.protocol"};
}

bool load_study(const std::string& file, const toml::table& t, Setup& s, Error& error) {
  auto id = text(file, t, "id", "study", error);
  if (!id) return false;
  const auto kind = t["kind"].value<std::string>();
  if (!kind)
    for (const auto& [key, node] : t)
      if (key != "id" && key != "protocol" && key != "population" && key != "prednisone") {
        error = at(file, node, "study." + std::string(key.str()),
                   "not a field of a study (id, protocol, population, prednisone; a PK study has kind = \"pk\")");
        return false;
      }
  if (t.contains("kind") && kind != "pk") {
    error = at(file, t, "study.kind", "\"pk\" is the only kind (a trial study has a protocol and no kind)");
    return false;
  }
  auto proto = kind ? std::optional<std::string>("") : text(file, t, "protocol", "study", error);
  if (!proto) return false;
  auto st = std::make_unique<Study>();
  st->id = *id;
  if (!kind) st->protocol_file = (std::filesystem::path(file).parent_path() / *proto).lexically_normal().string();
  if (const toml::node* node = t.get("population"); node && !node->as_table()) {
    error = at(file, *node, "study.population", "write { value = \"sle\", assumed = \"why this population stands in\" }");
    return false;
  }
  if (const toml::table* pop = t["population"].as_table()) {
    const auto value = (*pop)["value"].value<std::string>();
    const auto why = (*pop)["assumed"].value<std::string>();
    if (!value || !why || why->empty()) {
      error = at(file, *pop, "study.population", "write { value = \"sle\", assumed = \"why this population stands in\" }");
      return false;
    }
    st->stand_in = model::parse_disease(*value);
    if (!st->stand_in) {
      error = at(file, *pop, "study.population", "\"" + *value + "\" is not a population the model has (sle, pss, jia)");
      return false;
    }
    st->stand_in_reason = *why;
  }
  if (!read_prednisone(file, t, *st, error)) return false;
  if (kind) {
    if (!load_pk(file, t, *st, error)) return false;
    s.studies.push_back(std::move(st));
    return true;
  }
  auto r = trial::read_and_check_file(st->protocol_file);
  if (!r.protocol || r.diagnostics.has_errors()) {
    for (const auto& d : r.diagnostics.items())
      if (d.severity == Severity::error) {
        error = protocol_error(file, t, *st, format(d));
        return false;
      }
    error = protocol_error(file, t, *st, st->protocol_file + " could not be read");
    return false;
  }
  st->protocol = std::move(*r.protocol);
  auto made = trial::make_design(st->protocol, st->stand_in);
  if (!made.design) {
    error = protocol_error(file, t, *st, st->protocol_file + ": " + made.error.text());
    return false;
  }
  st->design = std::move(*made.design);
  st->design.prednisone = st->prednisone;
  s.studies.push_back(std::move(st));
  return true;
}

// A field written { value = X, <why_key> = "why" } (nothing else): its number, or an
// error that shows `example`.
std::optional<double> reasoned_number(const std::string& file, const toml::node& node, const char* key,
                                      const char* why_key, const char* example, Error& error) {
  const toml::table* h = node.as_table();
  const auto value = h ? (*h)["value"].value<double>() : std::nullopt;
  const auto why = h ? (*h)[why_key].value<std::string>() : std::nullopt;
  if (!value || !why || why->empty() || h->size() != 2) {
    error = at(file, node, std::string("target.") + key, std::string("write ") + example);
    return std::nullopt;
  }
  return value;
}

// goal_within = { value = D, reason = "why" }: a goal for a simulated target's
// expectation.
bool read_goal(const std::string& file, const toml::table& t, const Target& target, Mapping& m, Error& error) {
  const toml::node* node = t.get("goal_within");
  if (!node) return true;
  const auto value =
      reasoned_number(file, *node, "goal_within", "reason", "{ value = 0.05, reason = \"whose goal, and why\" }", error);
  if (!value) return false;
  const double scale = std::max(1.0, std::abs(target.value));
  if (!std::isfinite(*value) || *value <= 0 || *value > scale) {
    error = at(file, *node, "target.goal_within",
               std::to_string(*value) + " is not a distance in (0, " + std::to_string(scale) + "] on " + target.id + "'s scale");
    return false;
  }
  m.goal_within = *value;
  return true;
}

// The keys a [[target]] table may hold; a misspelt one is an error, not ignored.
bool known_keys(const std::string& file, const toml::table& t, Error& error) {
  static const char* const kKeys[] = {"id", "study", "arm", "visit", "measure", "not_simulated", "goal_within", "trial"};
  for (const auto& [key, node] : t) {
    bool ok = false;
    for (const char* k : kKeys) ok = ok || key.str() == k;
    if (!ok) {
      error = at(file, node, "target." + std::string(key.str()),
                 "not a key of a target (id, study, arm, visit, measure, not_simulated, goal_within, trial)");
      return false;
    }
  }
  return true;
}

bool load_mapping(const std::string& file, const toml::table& t, Setup& s, const std::map<std::string, std::size_t>& by_id,
                  std::vector<int>& seen_line, Error& error) {
  if (!known_keys(file, t, error)) return false;
  auto id = text(file, t, "id", "target", error);
  if (!id) return false;
  const auto it = by_id.find(*id);
  if (it == by_id.end()) {
    error = at(file, t, "target.id", "\"" + *id + "\" is not in the targets file");
    return false;
  }
  const int line = static_cast<int>(t.source().begin.line);
  if (seen_line[it->second]) {
    error = at(file, t, "target.id", "\"" + *id + "\" is mapped twice (also on line " + std::to_string(seen_line[it->second]) + ")");
    return false;
  }
  seen_line[it->second] = line;
  Mapping m;
  m.target = it->second;
  if (auto why = t["not_simulated"].value<std::string>()) {
    if (t.contains("goal_within")) {
      error = at(file, t, "target.goal_within", "\"" + *id + "\" is not simulated, so it has no expected value to hold to a goal");
      return false;
    }
    m.not_simulated = *why;
    s.mappings[it->second] = std::move(m);
    return true;
  }
  auto study = text(file, t, "study", "target", error);
  if (!study) return false;
  for (std::size_t i = 0; i < s.studies.size() && !m.study; ++i)
    if (s.studies[i]->id == *study) m.study = i;
  if (!m.study) {
    error = at(file, t, "target.study", "\"" + *study + "\" is not a study of this file");
    return false;
  }
  if (s.studies[*m.study]->pk) {
    auto meas = text(file, t, "measure", "target", error);
    if (!meas) return false;
    const auto parsed = parse_measure(*meas);
    if (!parsed || !is_pk(parsed->kind) || t.contains("arm") || t.contains("visit")) {
      error = at(file, t, "target.measure",
                 "study " + *study + " is a PK study: write measure = \"pk_tmax\" or \"pk_thalf\", and no arm or visit");
      return false;
    }
    m.measure = *parsed;
    if (!read_goal(file, t, s.targets[it->second], m, error)) return false;
    s.mappings[it->second] = std::move(m);
    return true;
  }
  const trial::TrialDesign& d = s.studies[*m.study]->design;
  auto meas = text(file, t, "measure", "target", error);
  if (!meas) return false;
  const auto parsed = parse_measure(*meas);
  if (!parsed || is_pk(parsed->kind)) {
    error = at(file, t, "target.measure",
               "\"" + *meas +
                   "\" is not a measure (sri4, sri:K, essdai_drop:K, bilag_a_or_2b, any_infection, serious_infection, "
                   "serious_infection_rate, reaction:TERM, median:TEST, mean:TEST, fold:TEST, fold_peak:TEST, increase:TEST, "
                   "dose_for_peak_increase:TEST:LEVEL)");
    return false;
  }
  if (measures::test(parsed->test).observation_only) {  // (a measure without a test holds SLEDAI-2K's)
    error = at(file, t, "target.measure",
               *meas + " reads " + std::string(measures::test(parsed->test).code) +
                   ", an observation-only measure (its parameters are left out of a posterior's model check, "
                   "model/parameter_set.h): it cannot be a calibration target");
    return false;
  }
  const bool all_arms = spans_arms(parsed->kind);
  if (all_arms && t.contains("arm")) {
    error = at(file, t, "target.arm", *meas + " is measured over every IL-2 arm of the study: give no arm");
    return false;
  }
  auto arm = all_arms ? std::optional<std::string>("") : text(file, t, "arm", "target", error);
  auto visit = arm ? text(file, t, "visit", "target", error) : std::nullopt;
  if (!visit) return false;
  std::vector<std::string> arm_ids;
  for (const auto& a : d.arms) arm_ids.push_back(a.id);
  const auto a = all_arms ? std::optional<std::size_t>(0) : index_of(arm_ids, *arm);
  const auto v = index_of(d.visit_ids, *visit);
  if (!a) {
    error = at(file, t, "target.arm", "\"" + *arm + "\" is not an arm of " + s.studies[*m.study]->protocol_file);
    return false;
  }
  if (!v) {
    error = at(file, t, "target.visit", "\"" + *visit + "\" is not a visit of " + s.studies[*m.study]->protocol_file);
    return false;
  }
  m.arm = *a, m.visit = *v;
  const bool fold = parsed->kind == MeasureKind::fold || parsed->kind == MeasureKind::fold_peak ||
                    parsed->kind == MeasureKind::increase || all_arms;
  if (fold && !d.baseline_visit) {
    error = at(file, t, "target.measure", "a fold change needs a baseline visit (day 1) in " + s.studies[*m.study]->protocol_file);
    return false;
  }
  m.measure = *parsed;
  if (!read_goal(file, t, s.targets[it->second], m, error)) return false;
  if (const toml::node* tr = t.get("trial")) {
    const auto name = tr->value<std::string>();
    if (!name || name->empty()) {
      error = at(file, *tr, "target.trial", "write the name of the trial whose standard-of-care effect it shares");
      return false;
    }
    m.trial = *name;
  }
  s.mappings[it->second] = std::move(m);
  return true;
}

}  // namespace

std::string default_calibration_dir() { return IL2T_CALIBRATION_DIR; }

SetupLoad load_setup(const std::string& targets_file, const std::string& studies_file) {
  SetupLoad out;
  Error why;  // the first problem a reader of the studies file finds
  auto failed = [&] {
    out.error = std::move(why);
    return std::move(out);
  };
  const auto ttext = data::read_file(targets_file);
  if (!ttext) {
    out.error = Error{.message = "cannot open the file", .file = targets_file};
    return out;
  }
  TargetsRead tr = read_targets(*ttext, targets_file);
  if (!tr.error.empty()) {
    out.error = tr.error;
    return out;
  }
  Setup s;
  s.targets = std::move(tr.targets);
  s.targets_sha256 = data::sha256_hex(*ttext);
  s.mappings.resize(s.targets.size());
  const auto stext = data::read_file(studies_file);
  if (!stext) {
    out.error = Error{.message = "cannot open the file", .file = studies_file};
    return out;
  }
  s.studies_sha256 = data::sha256_hex(*stext);
  toml::table root;
  try {
    root = toml::parse(*stext, studies_file);
  } catch (const toml::parse_error& e) {
    out.error = Error{.message = std::string(e.description()),
                      .file = studies_file,
                      .pos = {static_cast<int>(e.source().begin.line), 0}};
    return out;
  }
  if (root["format"].value<int64_t>() != 1) {
    out.error = Error{.message = "format: write format = 1", .file = studies_file, .pos = {1, 0}, .field = "format"};
    return out;
  }
  for (const auto& [key, node] : root)
    if (key != "format" && key != "study" && key != "target" && key != "placebo_arms" && key != "placebo") {
      out.error = at(studies_file, node, std::string(key.str()),
                     "not a key of a studies file (format, placebo_arms, [[study]], [[target]], [[placebo]])");
      return out;
    }
  if (const toml::array* studies = root["study"].as_array())
    for (const toml::node& n : *studies)
      if (const toml::table* t = n.as_table())
        if (!load_study(studies_file, *t, s, why)) return failed();
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < s.targets.size(); ++i) by_id[s.targets[i].id] = i;
  std::vector<int> seen(s.targets.size(), 0);
  if (const toml::array* targets = root["target"].as_array())
    for (const toml::node& n : *targets)
      if (const toml::table* t = n.as_table())
        if (!load_mapping(studies_file, *t, s, by_id, seen, why)) return failed();
  s.placebo_begin = s.targets.size();
  if (!load_placebo(studies_file, root, s, why)) return failed();
  for (std::size_t i = 0; i < s.placebo_begin; ++i)
    if (!seen[i]) {
      out.error = Error{.message = "target \"" + s.targets[i].id + "\" (" + targets_file + ":" + std::to_string(s.targets[i].line) +
                                   ") is not mapped: give its study, arm, visit and measure, or not_simulated = \"why\"",
                        .file = studies_file};
      return out;
    }
  assign_trials(s);
  out.setup = std::move(s);
  return out;
}

}  // namespace il2t::calibration
