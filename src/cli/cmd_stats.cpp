// il2trial stats ANALYSIS FILE.csv [column options] [--json]: one analysis of a CSV.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/load.h"
#include "report/stats_runner.h"

namespace il2t::cli {

void add_stats(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("stats", "Run one analysis on a CSV: proportion, fisher, chisq, cmh, ttest, ancova, "
                                          "wilcoxon, km, logrank, cox, logistic, dunnett, mcpmod");
  cmd->footer(
      "Analyses and what each prints (groups in sorted order, the reference last; the first compared with it):\n"
      "  proportion  each group's x/n and proportion with Wilson and Clopper–Pearson intervals; the difference\n"
      "              with Newcombe's hybrid score interval (--response)\n"
      "  fisher      Fisher's exact p, conditional MLE odds ratio and interval (--response)\n"
      "  chisq       Pearson's chi-square [--yates] (--response)\n"
      "  cmh         Cochran–Mantel–Haenszel test, common odds ratio and interval (--response, --strata)\n"
      "  ttest       Welch's [--pooled] t, mean difference and interval (--outcome)\n"
      "  ancova      adjusted difference, outcome ~ baseline + group (--outcome, --baseline)\n"
      "  wilcoxon    rank-sum W and p (exact when both groups are below 50 and nothing is tied, else normal with\n"
      "              the continuity correction [--no-correction]); Hodges–Lehmann shift and interval (--outcome)\n"
      "  km          median survival with its interval and the curve; with --group each group's n, events,\n"
      "              median and interval, and the log-rank test between them (--time, --event)\n"
      "  logrank     log-rank chi-square [--strata], observed and expected per group (--time, --event)\n"
      "  cox         hazard ratio and interval; Wald, score and likelihood-ratio tests [--breslow]\n"
      "  logistic    odds ratio, each coefficient with its Wald interval (as R's confint.default), deviance\n"
      "              [--covariate] (--response)\n"
      "  dunnett     each group against the control: difference, adjusted p and simultaneous interval; the\n"
      "              critical value [--one-sided] (--outcome, --reference)\n"
      "  mcpmod      each model's contrast t and adjusted p, the critical value, the significant models' AIC and\n"
      "              target dose, the model chosen by AIC and its target dose (--dose, --response, --models,\n"
      "              --delta [--decreasing])\n"
      "Intervals at --conf (default 0.95). Every number is checked against R: docs/statistics.md.");
  struct Opts {
    std::string analysis, file, out;
    bool json = false;
    report::StatsOptions s;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("analysis", o->analysis,
                  "proportion | fisher | chisq | cmh | ttest | ancova | wilcoxon | km | logrank | cox | logistic | dunnett | mcpmod")
      ->required()
      ->check(CLI::IsMember({"proportion", "fisher", "chisq", "cmh", "ttest", "ancova", "wilcoxon", "km", "logrank", "cox",
                             "logistic", "dunnett", "mcpmod"}));
  cmd->add_option("file", o->file, "The data, CSV with a header row")->required();
  cmd->add_option("--group", o->s.group, "Column of group labels (km: per group, with the log-rank test)");
  cmd->add_option("--reference", o->s.reference, "The control group's label (compared against; default: the last in sorted order)");
  cmd->add_option("--response", o->s.response, "Column of 0/1 responses (proportion, fisher, chisq, cmh, logistic); mcpmod: of responses");
  cmd->add_option("--outcome", o->s.outcome, "Column of outcome values (ttest, ancova, wilcoxon, dunnett)");
  cmd->add_option("--baseline", o->s.baseline, "Column of baseline values (ancova)");
  cmd->add_option("--time", o->s.time, "Column of times (km, logrank, cox)");
  cmd->add_option("--event", o->s.event, "Column of 1 = event, 0 = censored (km, logrank, cox)");
  cmd->add_option("--strata", o->s.strata, "Column of strata (cmh; logrank and km --group: a stratified log-rank test)");
  cmd->add_flag("--yates", o->s.yates, "chisq: Yates' continuity correction");
  cmd->add_flag("--pooled", o->s.pooled, "ttest: pooled variance instead of Welch");
  cmd->add_flag("--no-correction", o->s.no_correction, "cmh, wilcoxon: without the continuity correction");
  cmd->add_flag("--breslow", o->s.breslow, "cox: Breslow's handling of ties instead of Efron's");
  cmd->add_option("--covariate", o->s.covariate, "logistic: a numeric covariate column");
  cmd->add_flag("--one-sided", o->s.one_sided, "dunnett: H1 is 'greater than the control'");
  cmd->add_option("--dose", o->s.dose, "mcpmod: column of doses");
  cmd->add_option("--models", o->s.models, "mcpmod: candidate models with guesstimates, e.g. "
                                           "linear,emax:0.2,sigEmax:0.4:3,exponential:0.5,quadratic:-0.7");
  cmd->add_option("--delta", o->s.delta, "mcpmod: the clinically relevant effect for the target dose");
  cmd->add_flag("--decreasing", o->s.decreasing, "mcpmod: a lower response is better");
  cmd->add_option("--conf", o->s.conf, "Confidence level (default 0.95; mcpmod tests one-sided at (1 − conf) / 2)")->check(CLI::Range(0.5, 0.9999));
  cmd->add_flag("--json", o->json, "Write JSON");
  cmd->add_option("--out,-o", o->out, "Write to this file (whole or not at all) instead of standard output");
  cmd->callback([o, &status] {
    std::ifstream in(o->file, std::ios::binary);
    if (!in) {
      std::cerr << o->file << ": error: cannot open the file\n";
      status = 1;
      return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const auto csv = data::Columns::read(ss.str(), o->file);
    if (!csv.error().empty()) {
      std::cerr << csv.error() << "\n";
      status = 1;
      return;
    }
    o->s.file = o->file;
    auto r = report::run_stats(o->analysis, csv, o->s);
    if (!r) {
      std::cerr << "il2trial stats " << o->analysis << ": error: " << r.error << "\n";
      status = 1;
      return;
    }
    const std::string text = o->json ? r.value->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                                     : report::stats_text(*r.value);
    status = emit(text, o->out, std::cerr) ? 0 : 1;
  });
}

}  // namespace il2t::cli
