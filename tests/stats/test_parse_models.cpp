// MCP-Mod's candidate models as --models gives them (report::parse_models, used by
// simulate, analyze and stats mcpmod): the names and guesstimates stats::model_shape
// takes, and every other spec an error naming the model and what is wrong — an unknown
// name (with the known ones), the wrong number of guesstimates, a guesstimate that must
// be positive (as DoseFinding's Mods requires), a model given twice.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/stats_runner.h"

namespace il2t::report {
namespace {

std::string error_of(const std::string& text) {
  const auto r = parse_models(text);
  EXPECT_FALSE(r) << text;
  return r ? std::string() : r.error.message;
}

TEST(ParseModels, ReadsTheDefaultAndEveryModel) {
  auto r = parse_models(kDefaultModels);
  ASSERT_TRUE(r) << r.error;
  ASSERT_EQ(r.value->size(), 4u);
  EXPECT_EQ((*r.value)[0].name, "linear");
  EXPECT_TRUE((*r.value)[0].guess.empty());
  EXPECT_EQ((*r.value)[2].name, "sigEmax");
  EXPECT_EQ((*r.value)[2].guess, (std::vector<double>{0.4, 3}));
  r = parse_models(" linear , emax:+0.2,sigEmax: 0.4 :3,exponential:0.5,quadratic:-0.7,logistic:0.5:0.1 ");
  ASSERT_TRUE(r) << r.error;
  ASSERT_EQ(r.value->size(), 6u);
  EXPECT_EQ((*r.value)[1].guess, (std::vector<double>{0.2}));
  EXPECT_EQ((*r.value)[4].guess, (std::vector<double>{-0.7}));
  EXPECT_EQ((*r.value)[5].guess, (std::vector<double>{0.5, 0.1}));
  // quadratic's delta may take either sign, as in DoseFinding.
  EXPECT_TRUE(parse_models("quadratic:0.3"));
  // Every spec accepted gives a shape stats::model_shape computes.
  const auto all = parse_models("linear,emax:0.2,sigEmax:0.4:3,exponential:0.5,quadratic:-0.7,logistic:0.5:0.1");
  ASSERT_TRUE(all) << all.error;
  for (const auto& m : *all.value) EXPECT_TRUE(stats::model_shape(m, std::vector<double>{0, 0.5, 1})) << m.name;
}

TEST(ParseModels, AnUnknownModelListsTheKnownOnes) {
  const std::string known = "; the models are linear, emax, sigEmax, exponential, quadratic, logistic";
  EXPECT_EQ(error_of("bogus"), "--models: unknown model \"bogus\"" + known);
  EXPECT_EQ(error_of("linear,betaMod:0.3:1.3"), "--models: unknown model \"betaMod\"" + known);
  EXPECT_EQ(error_of("Emax:0.2"), "--models: unknown model \"Emax\" (did you mean emax?)" + known);
  EXPECT_EQ(error_of(":0.2"), "--models: \":0.2\" has no model name" + known);
}

TEST(ParseModels, EachModelTakesItsNumberOfGuesstimates) {
  EXPECT_EQ(error_of("sigEmax:0.4"),
            "--models: sigEmax takes 2 guesstimates (ED50 and h), as sigEmax:0.4:3; \"sigEmax:0.4\" gives 1");
  EXPECT_EQ(error_of("emax"), "--models: emax takes 1 guesstimate (ED50), as emax:0.2; \"emax\" gives 0");
  EXPECT_EQ(error_of("emax:0.2:3"), "--models: emax takes 1 guesstimate (ED50), as emax:0.2; \"emax:0.2:3\" gives 2");
  EXPECT_EQ(error_of("logistic:0.5"),
            "--models: logistic takes 2 guesstimates (ED50 and delta), as logistic:0.5:0.1; \"logistic:0.5\" gives 1");
  EXPECT_EQ(error_of("linear:1"), "--models: linear takes no guesstimate; \"linear:1\" gives 1");
  EXPECT_EQ(error_of("quadratic"),
            "--models: quadratic takes 1 guesstimate (delta), as quadratic:-0.7; \"quadratic\" gives 0");
}

TEST(ParseModels, GuesstimatesMustBePositive) {
  EXPECT_EQ(error_of("emax:-1"), "--models: emax: the ED50 guesstimate must be above 0; \"emax:-1\" gives -1");
  EXPECT_EQ(error_of("linear,emax:0"), "--models: emax: the ED50 guesstimate must be above 0; \"emax:0\" gives 0");
  EXPECT_EQ(error_of("sigEmax:0.4:0"), "--models: sigEmax: the h guesstimate must be above 0; \"sigEmax:0.4:0\" gives 0");
  EXPECT_EQ(error_of("sigEmax:-0.4:3"),
            "--models: sigEmax: the ED50 guesstimate must be above 0; \"sigEmax:-0.4:3\" gives -0.4");
  EXPECT_EQ(error_of("exponential:-0.5"),
            "--models: exponential: the delta guesstimate must be above 0; \"exponential:-0.5\" gives -0.5");
  EXPECT_EQ(error_of("logistic:0.5:-0.1"),
            "--models: logistic: the delta guesstimate must be above 0; \"logistic:0.5:-0.1\" gives -0.1");
}

TEST(ParseModels, AModelGivenTwiceIsAnError) {
  const std::string twice = " is given twice; give each model once (its fit does not depend on the guesstimates)";
  EXPECT_EQ(error_of("linear,linear"), "--models: linear" + twice);
  EXPECT_EQ(error_of("emax:0.2,linear,emax:0.5"), "--models: emax" + twice);
}

TEST(ParseModels, NumbersAndListsAreChecked) {
  for (const char* v : {"x", "nan", "inf", "1e999", "0x1p-3", "0.2.1", "-+1", "+-1", ""})
    EXPECT_EQ(error_of(std::string("emax:") + v), "--models: \"" + std::string(v) + "\" in \"emax:" + v + "\" is not a number")
        << v;
  EXPECT_EQ(error_of(""), std::string("--models: no models given; give them as ") + kDefaultModels);
  EXPECT_EQ(error_of("linear,,emax:0.2"),
            "--models: an empty item in \"linear,,emax:0.2\"; give the models separated by single commas");
  EXPECT_EQ(error_of("linear,"), "--models: an empty item in \"linear,\"; give the models separated by single commas");
}

}  // namespace
}  // namespace il2t::report
