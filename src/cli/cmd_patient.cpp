// il2trial patient FILE --arm ID: one simulated participant's course, day by day.
#include <cmath>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/load.h"
#include "cli/model_options.h"
#include "model/model.h"
#include "model/plan.h"
#include "population/choice.h"
#include "report/patient_csv.h"
#include "trial/participant_plan.h"

namespace il2t::cli {

namespace {

struct Options {
  std::string file, arm, out, plot, model_dir = model::default_model_dir(), disease;
  std::string seed_text = "1";
  std::vector<std::string> sets;
  std::optional<double> weight, height;
  bool typical = false;
};

constexpr const char* kCmd = "il2trial patient";

int run(const Options& o) {
  const auto seed_opt = parse_seed(o.seed_text, kCmd);
  if (!seed_opt) return 2;
  const std::uint64_t seed = *seed_opt;
  const auto overrides = parse_sets(o.sets, kCmd);
  if (!overrides) return 2;
  for (auto [v, name, lo, hi] : {std::tuple{o.weight, "--weight", 2.0, 300.0}, std::tuple{o.height, "--height", 40.0, 250.0}})
    if (v && (!std::isfinite(*v) || *v < lo || *v > hi)) {
      std::cerr << kCmd << ": error: " << name << ": " << *v << " is outside " << lo << "–" << hi << "\n";
      return 2;
    }
  auto loaded = load_protocol(o.file, std::cerr, true);
  if (!loaded) return 1;
  const protocol::Protocol& p = loaded->protocol;
  const auto loaded_model = load_model_reporting(o.model_dir, *overrides, kCmd);
  if (!loaded_model) return 1;
  const model::Model& m = *loaded_model;
  auto disease = o.disease.empty() ? model::disease_of(p) : model::parse_disease(o.disease);
  if (!disease) {
    std::cerr << kCmd << ": error: " << (o.disease.empty() ? o.file + ": population.conditions: no modelled disease (SLE, primary Sjögren's, JIA); give --disease"
                                                           : "--disease " + o.disease + ": give sle, pss or jia")
              << "\n";
    return o.disease.empty() ? 1 : 2;
  }
  // The typical participant of the population the protocol draws from (a child with
  // SLE in a paediatric trial). Body size: --weight/--height, else the protocol's
  // reference participant (a paediatric trial names a child's), else the typical one's.
  const model::Population pop = population::population_for(p, *disease);
  model::Covariates cov = m.typical_covariates(pop);
  if (p.population.reference_weight_kg) cov.weight_kg = p.population.reference_weight_kg->value;
  if (p.population.reference_height_cm) cov.height_cm = p.population.reference_height_cm->value;
  if (o.weight) cov.weight_kg = *o.weight;
  if (o.height) cov.height_cm = *o.height;
  if (model::studies_cmv(p)) cov.cmv_copies = m.bound.p.cmv_baseline_copies;
  const auto made = trial::participant_plan(p, o.arm, cov);
  if (!made) {
    std::cerr << o.file << ": error: --" << made.error().text() << "\n";
    return 1;
  }
  const model::CoursePlan& plan = *made;
  model::Stream eta_rng(seed, 0, 0, model::Purpose::variability);
  const model::ModelParams params = o.typical ? m.typical_parameters(cov.disease) : m.individual_parameters(eta_rng, cov.disease);
  const model::Individual ind = model::make_individual(params, cov);
  model::CourseBuffers buf;
  buf.reserve(plan);
  const model::CourseResult res = model::simulate_course(ind, m.tables, m.typical_targets(pop), plan,
                                                         {seed, 0, 0}, buf);
  if (!res.ok) {
    std::cerr << kCmd << ": error: " << res.error << "\n";
    return 1;
  }
  std::vector<std::string> visit_ids;  // by a visit row's index: the protocol's visits
  for (const auto& v : p.visits) visit_ids.push_back(v.id);
  // Both outputs are made first; if the plot cannot be written, the CSV is taken back,
  // so a failed run leaves nothing behind.
  const std::string csv = report::patient_csv(ind, plan, buf, visit_ids);
  const std::string svg = o.plot.empty() ? std::string()
                                         : report::patient_svg(p.identity.id.value + " arm " + o.arm, ind, plan, buf);
  if (!o.plot.empty() && !emit(svg, o.plot, std::cerr)) return 1;
  if (!emit(csv, o.out, std::cerr)) {
    if (!o.plot.empty()) std::filesystem::remove(o.plot);
    return 1;
  }
  if (!o.out.empty() && o.out != "-")
    std::cout << report::patient_summary(p.identity.id.value, o.arm, *disease,
                                         {loaded->sha256, m.parameters.fingerprint(), seed}, plan, buf, res);
  return 0;
}

}  // namespace

void add_patient(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("patient", "Simulate one participant's course under an arm, day by day");
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "Protocol file (TOML)")->required();
  cmd->add_option("--arm", o->arm, "Arm id (see `il2trial show`)")->required();
  cmd->add_option("--seed", o->seed_text, "Random seed, 0 to 18446744073709551615: variability, disease items, infections, reactions (default 1)");
  cmd->add_option("--set", o->sets, "Override a model parameter, name=value (repeatable; names as in models/*.toml)");
  cmd->add_option("--out,-o", o->out, "Write the CSV to this file (whole or not at all) instead of standard output");
  cmd->add_option("--plot", o->plot, "Also draw the course as an SVG file");
  cmd->add_option("--model-dir", o->model_dir, "Directory of the parameter files (default: the shipped models/)");
  cmd->add_option("--disease", o->disease, "sle, pss or jia (default: the protocol's first modelled condition)");
  cmd->add_option("--weight", o->weight, "Body weight in kg (default: the protocol's reference participant, else the typical one)");
  cmd->add_option("--height", o->height, "Height in cm (default: the protocol's reference participant, else the typical one)");
  cmd->add_flag("--typical", o->typical, "No inter-individual variability: the typical participant's parameters");
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
