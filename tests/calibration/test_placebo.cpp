// The placebo arms of other trials (data/calibration/placebo-arms.csv): the reader's
// endpoint vocabulary and checks, the studies file's [[placebo]] mapping, and which
// trial (standard-of-care effect) each target belongs to.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "calibration/placebo_arms.h"
#include "calibration/studies.h"
#include "data/read_file.h"

namespace il2t::calibration {
namespace {

const std::string kDir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
const std::string kHeader =
    "id,trial,disease,population,drug_tested,endpoint,week,statistic,value,numerator,denominator,region,background,"
    "note,source\n";

std::string read_error(const std::string& rows) { return read_placebo_arms(kHeader + rows, "p.csv").error; }

TEST(PlaceboArms, ReadsTheShippedFileWithEveryEndpointKnown) {
  const auto text = data::read_file(kDir + "/placebo-arms.csv");
  ASSERT_TRUE(text);
  const PlaceboRead r = read_placebo_arms(*text, "placebo-arms.csv");
  ASSERT_EQ(r.error, "");
  ASSERT_GE(r.arms.size(), 19u);
  std::map<std::string, const PlaceboArm*> by;
  for (const auto& a : r.arms) by[a.row.id] = &a;
  EXPECT_EQ(by["illuminate1-pbo"]->endpoint, PlaceboEndpoint::sri);
  EXPECT_EQ(by["illuminate1-pbo"]->level, 5);
  EXPECT_EQ(placebo_measure(*by["illuminate1-pbo"]), "sri:5");
  EXPECT_EQ(placebo_measure(*by["abatacept-pss-pbo"]), "essdai_drop:3");
  EXPECT_EQ(placebo_measure(*by["etap-pss-pbo-w12"]), "essdai_drop:3");
  EXPECT_FALSE(placebo_measure(*by["telitacicept-pbo"]));
  EXPECT_FALSE(placebo_measure(*by["embrace-pbo"]));
  EXPECT_FALSE(placebo_measure(*by["neptunus1-pss-pbo"]));
  EXPECT_EQ(by["etap-pss-pbo-w12"]->trial, by["etap-pss-pbo-w24"]->trial);
  EXPECT_EQ(*by["paisley-pbo"]->row.week, 32);
  EXPECT_FALSE(by["lotus-pbo"]->row.denominator);
}

TEST(PlaceboArms, RefusesAnUnknownEndpointNamingFileLineAndField) {
  const std::string ok = "a,T,SLE,adult,x,SRI-4,52,proportion,0.4,40,100,,,,s\n";
  EXPECT_EQ(read_error(ok), "");
  EXPECT_EQ(read_error(ok + "b,T2,SLE,adult,x,SRI-9,52,proportion,0.4,,,,,,s\n"),
            "p.csv:3: endpoint: \"SRI-9\" is not an endpoint il2trial knows (SRI-4 to SRI-8, modified SRI-4, SRI-S2K, "
            "ESSDAI response (decrease of at least K), ESSDAI decrease of at least K, ESSDAI change from baseline)");
  EXPECT_EQ(read_error("b,T,pSS,adult,x,SRI-4,52,proportion,0.4,,,,,,s\n"),
            "p.csv:2: endpoint: \"SRI-4\" is not an endpoint of pSS");
  EXPECT_EQ(read_error("b,T,RA,adult,x,SRI-4,52,proportion,0.4,,,,,,s\n"), "p.csv:2: disease: \"RA\": give SLE or pSS");
  EXPECT_EQ(read_error(ok + ok), "p.csv:3: id: \"a\" appears twice");
  EXPECT_EQ(read_error("a,T,SLE,adult,x,SRI-4,,proportion,0.4,,,,,,s\n"), "p.csv:2: week: \"\" is not a week after baseline");
  EXPECT_EQ(read_error("a,T,SLE,adult,x,SRI-4,52,proportion,0.5,40,100,,,,s\n"), "p.csv:2: value: 0.5 is not 40/100");
  EXPECT_EQ(read_error("a,T,SLE,adult,x,SRI-4,52,mean,0.5,,,,,,s\n"),
            "p.csv:2: statistic: \"mean\": SRI-4 is a proportion");
  EXPECT_EQ(read_error("a,T,pSS,adult,x,ESSDAI decrease of at least 0,24,proportion,0.5,,,,,,s\n").substr(0, 17),
            "p.csv:2: endpoint");
  EXPECT_EQ(read_error("a,T,SLE,adult,x,SRI-4,52,proportion,0.4\n"), "p.csv:2: 9 fields, expected 15");
}

// The shipped studies file with `text` appended, written beside a copy of the shipped
// placebo-arms file with `rows` appended.
std::string studies_error(const std::string& text, const std::string& rows = "") {
  const std::string dir = ::testing::TempDir() + "/placebo-mapping";
  std::filesystem::create_directories(dir);
  std::ifstream in(kDir + "/studies.toml", std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t at = 0; (at = s.find("\"../../", at)) != std::string::npos;) {
    s.replace(at + 1, 6, kDir + "/../../");
    at += kDir.size();
  }
  std::ofstream(dir + "/studies.toml", std::ios::binary) << s + text;
  std::ofstream(dir + "/placebo-arms.csv", std::ios::binary) << *data::read_file(kDir + "/placebo-arms.csv") + rows;
  return load_setup(kDir + "/targets.csv", dir + "/studies.toml").error;
}

TEST(PlaceboMapping, MapsEveryRowOnceOrSaysWhyNot) {
  EXPECT_EQ(studies_error(""), "");
  const std::string extra = "x-pbo,X,SLE,adult,x,SRI-4,52,proportion,0.4,,,,,,s\n";
  EXPECT_NE(studies_error("", extra).find(": placebo arm \"x-pbo\" ("), std::string::npos);
  EXPECT_NE(studies_error("\n[[placebo]]\nid = \"x-pbo\"\nstudy = \"sle-placebo-arm\"\n", extra)
                .find("placebo.study: x-pbo gives no arm size (denominator)"),
            std::string::npos);
  EXPECT_NE(studies_error("\n[[placebo]]\nid = \"x-pbo\"\nstudy = \"pss-placebo-arm\"\n",
                          "x-pbo,X,SLE,adult,x,SRI-4,52,proportion,0.4,,100,,,,s\n")
                .find("placebo.study: pss-placebo-arm does not simulate SLE"),
            std::string::npos);
  EXPECT_NE(studies_error("\n[[placebo]]\nid = \"x-pbo\"\nstudy = \"sle-placebo-arm\"\n",
                          "x-pbo,X,SLE,adult,x,SRI-4,50,proportion,0.4,,100,,,,s\n")
                .find("placebo.study: sle-placebo-arm has no visit at week 50"),
            std::string::npos);
  EXPECT_NE(studies_error("\n[[placebo]]\nid = \"blisssc-pbo\"\nleft_out = \"x\"\n").find("is mapped twice"),
            std::string::npos);
  EXPECT_NE(studies_error("\n[[placebo]]\nid = \"nope\"\nleft_out = \"x\"\n").find("placebo.id: \"nope\" is not in"),
            std::string::npos);
  EXPECT_NE(studies_error("\n[[placebo]]\nid = \"x-pbo\"\nleft_out = \"\"\n", extra).find("placebo.left_out: give the reason"),
            std::string::npos);
}

TEST(PlaceboMapping, EveryTargetOfAnSleOrSjogrenTrialSharesItsTrialsEffect) {
  const auto s = load_setup(kDir + "/targets.csv", kDir + "/studies.toml");
  ASSERT_TRUE(s.setup) << s.error;
  const calibration::Setup& st = *s.setup;
  EXPECT_GT(st.targets.size(), st.placebo_begin);
  for (std::size_t i = 0; i < st.targets.size(); ++i) {
    const Mapping& m = st.mappings[i];
    const std::string& id = st.targets[i].id;
    if (id.rfind("he2020-", 0) == 0) {
      EXPECT_EQ(m.trial, "he2020") << id;
      EXPECT_EQ(m.trial_disease, model::Disease::sle) << id;
    } else if (id == "sle-placebo-sri4-bliss52") {
      EXPECT_EQ(m.trial, "bliss52");
    } else if (id.rfind("koreth", 0) == 0 || id.rfind("pk-", 0) == 0 || id.rfind("dil", 0) == 0) {
      EXPECT_EQ(m.trial, "") << id << ": a pharmacology study has no standard-of-care effect";
      EXPECT_FALSE(m.trial_disease) << id;
    } else if (id == "etap-pss-pbo-w12" || id == "etap-pss-pbo-w24") {
      EXPECT_EQ(m.trial, "ETAP");
      EXPECT_EQ(m.trial_disease, model::Disease::pss);
    } else if (id == "tulip-pooled-pbo") {
      EXPECT_EQ(m.pooled_trials, 2);
    }
  }
}

}  // namespace
}  // namespace il2t::calibration
