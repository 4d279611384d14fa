// The posterior file (src/calibration/posterior_file.h): what calibrate --posterior
// writes reads back as the same draws, and a file from another targets file, program or
// model, or with a bad column, value or weight, is refused naming its line and field.
#include <gtest/gtest.h>

#include <string>

#include "calibration/posterior_file.h"
#include "model/model_fixture.h"
#include "unit/test_support.h"

namespace il2t::calibration {
namespace {

struct Written {
  model::Model model = test::shipped_model();
  PosteriorProvenance p;
  std::vector<std::string> names = {"activity.soc_fraction", "cells.treg_emax"};
  std::vector<std::vector<double>> rows = {{0.5, 120}, {0.625, 140.25}, {0.375, 99.5}};  // exact in binary
  std::string text;
  Written() {
    p.program = "il2trial 9";
    p.method = "m";
    p.command = "c";
    p.seed = 3;
    p.targets_sha256 = std::string(64, 'a');
    p.model_sha256 = model.parameters.fingerprint_for_posterior(names);
    text = posterior_file_text(p, names, rows);
  }
  PosteriorExpect expect() const { return {std::string(64, 'a'), "il2trial 9", &model.parameters, "", "", ""}; }
  std::string error(const std::string& t) const { return read_posterior(t, "p.csv", expect()).error; }
  std::string replaced(const std::string& from, const std::string& to) const {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return t;
  }
};

int line_of(const std::string& text, const std::string& what) {
  const auto at = text.find(what);
  return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
}

TEST(PosteriorFile, ReadsBackWhatItWrote) {
  const Written w;
  const PosteriorRead r = read_posterior(w.text, "p.csv", w.expect());
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.draws.names, w.names);
  EXPECT_EQ(r.draws.rows, w.rows);
  ASSERT_EQ(r.draws.weights.size(), 3u);
  EXPECT_NEAR(r.draws.weights[0], 1.0 / 3, 1e-15);
  EXPECT_EQ(r.provenance.seed, 3u);
  EXPECT_EQ(r.provenance.method, "m");
}

TEST(PosteriorFile, RefusesAnotherTargetsFileProgramOrModelNamingLineAndField) {
  const Written w;
  const std::string other_targets = w.replaced(std::string(64, 'a'), std::string(64, 'b'));
  EXPECT_EQ(w.error(other_targets).substr(0, 42), "p.csv:" + std::to_string(line_of(w.text, "# targets_sha256")) +
                                                         ": targets_sha256: made from another");
  EXPECT_NE(w.error(w.replaced("il2trial 9", "il2trial 8")).find("p.csv:3: program: made by il2trial 8, not by this il2trial 9"),
            std::string::npos);
  EXPECT_NE(w.error(w.replaced(w.p.model_sha256, std::string(64, 'c')))
                .find(":" + std::to_string(line_of(w.text, "# model_sha256")) + ": model_sha256: made with other model parameters"),
            std::string::npos);
  // The model's fingerprint leaves the file's own columns out: another column set is another model.
  Written fewer;
  fewer.names = {"activity.soc_fraction"};
  fewer.rows = {{0.5}};
  fewer.text = posterior_file_text(fewer.p, fewer.names, fewer.rows);
  EXPECT_NE(fewer.error(fewer.text).find("model_sha256"), std::string::npos);
}

// Observation-only parameters (serology, models/labs.toml) shape measures no
// calibration target reads: changing one leaves a posterior valid; changing any other
// parameter does not.
TEST(PosteriorFile, ObservationOnlyParametersLeaveAPosteriorValid) {
  Written w;
  ASSERT_FALSE(w.model.parameters.set("labs.c3_log_slope", 1.2));
  EXPECT_EQ(w.error(w.text), "");
  EXPECT_NE(w.model.parameters.fingerprint(w.names), w.model.parameters.fingerprint_for_posterior(w.names));
  ASSERT_FALSE(w.model.parameters.set("cells.nk_dim_emax", 700));
  EXPECT_NE(w.error(w.text).find("model_sha256: made with other model parameters"), std::string::npos);
  // No calibration study reads a serology test, which is what makes the above sound.
  const std::string studies = test::read_text(test::source_path("data/calibration/studies.toml"));
  for (const char* code : {":C3", ":C4", ":DSDNA"}) EXPECT_EQ(studies.find(code), std::string::npos) << code;
}

TEST(PosteriorFile, RefusesBadColumnsValuesAndWeights) {
  const Written w;
  const int header = line_of(w.text, "draw,weight");
  EXPECT_EQ(w.error(w.replaced(",cells.treg_emax\n", ",cells.treg_emx\n")),
            "p.csv:" + std::to_string(header) + ": cells.treg_emx: not a model parameter");
  EXPECT_EQ(w.error(w.replaced(",cells.treg_emax\n", ",activity.soc_fraction\n")),
            "p.csv:" + std::to_string(header) + ": activity.soc_fraction: a second column of the same parameter");
  EXPECT_NE(w.error(w.replaced(",140.25\n", ",nan\n")).find(":" + std::to_string(header + 2) + ": cells.treg_emax: \"nan\""),
            std::string::npos);
  EXPECT_NE(w.error(w.replaced(",0.625,", ",5,")).find(": activity.soc_fraction: \"5\" is not a value the parameter takes (0.01 to 2)"),
            std::string::npos);
  EXPECT_NE(w.error(w.replaced("2,0.33333333333333331", "2,0")).find(": weight: \"0\" is not a positive number"),
            std::string::npos);
  EXPECT_NE(w.error(w.replaced(",140.25\n", "\n")).find("3 fields, expected 4"), std::string::npos);
  EXPECT_EQ(w.error("draw,weight,a\n1,1,2\n"), "p.csv:1: program: missing: a posterior file records its program (# program = ...)");
  EXPECT_NE(w.error(std::string(65u << 20, '#')).find("larger than 64 MB"), std::string::npos);
  EXPECT_NE(w.error(w.text.substr(0, w.text.find("1,0."))).find("no parameter sets"), std::string::npos);
}

}  // namespace
}  // namespace il2t::calibration
