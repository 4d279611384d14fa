// SLEDAI-2K, clinical SLEDAI and SELENA-SLEDAI (src/instruments/sledai.h).
// Weights: Gladman DD et al., J Rheumatol 2002;29:288, as tabulated at
// https://medicalcriteria.com/web/reusledai/ (8 x 8, 6 x 4, 7 x 2, 3 x 1).
#include <gtest/gtest.h>

#include <string>

#include "instruments/items.h"
#include "instruments/sledai.h"

namespace il2t::instruments {
namespace {

ItemValues all_items(const std::string& value) {
  ItemValues v;
  for (const auto& i : sledai_items()) v.push_back({std::string(i.id), value});
  return v;
}

void set_value(ItemValues& v, const std::string& id, const std::string& value) {
  for (auto& i : v) {
    if (i.id == id) i.value = value;
  }
}

TEST(InstrumentSledai, TwentyFourDescriptorsWithPublishedWeights) {
  ASSERT_EQ(sledai_items().size(), 24u);
  int eights = 0, fours = 0, twos = 0, ones = 0;
  for (const auto& i : sledai_items()) {
    eights += i.weight == 8;
    fours += i.weight == 4;
    twos += i.weight == 2;
    ones += i.weight == 1;
  }
  EXPECT_EQ(eights, 8);
  EXPECT_EQ(fours, 6);
  EXPECT_EQ(twos, 7);
  EXPECT_EQ(ones, 3);
  EXPECT_EQ(sledai_info(SledaiItem::cva).weight, 8);
  EXPECT_EQ(sledai_info(SledaiItem::proteinuria).weight, 4);
  EXPECT_EQ(sledai_info(SledaiItem::mucosal_ulcers).weight, 2);
  EXPECT_EQ(sledai_info(SledaiItem::leukopenia).weight, 1);
}

TEST(InstrumentSledai, EveryDescriptorPresentGivesTheMaxima) {
  // Maximum 105 (Gladman 2002); clinical SLEDAI without the two serological items is
  // 101 (clinical SLEDAI as used in DORIS, Rheumatology 2021, PMC7719036 Table 1).
  SledaiVisit v;
  for (const auto& i : sledai_items()) v.set(i.item);
  EXPECT_EQ(sledai_2k(v), 105);
  EXPECT_EQ(selena_sledai(v), 105);
  EXPECT_EQ(clinical_sledai(v), 101);
  EXPECT_EQ(sledai_2k(SledaiVisit{}), 0);
}

TEST(InstrumentSledai, SerologyOnlyIsDorisClinicalRemissionWithSledai2kOfFour) {
  // DORIS clinical remission on treatment allows serological activity: clinical
  // SLEDAI = 0 while SLEDAI-2K counts low complement and anti-dsDNA (2 + 2);
  // LLDAS allows it "as long as total SLEDAI-2K <= 4" (PMC7719036, Table 1).
  SledaiVisit v;
  v.set(SledaiItem::low_complement).set(SledaiItem::increased_dna_binding);
  EXPECT_EQ(sledai_2k(v), 4);
  EXPECT_EQ(clinical_sledai(v), 0);
}

TEST(InstrumentSledai, ActiveNephritisWithArthritisAndRash) {
  // Worked example on the medicalcriteria.com SLEDAI-2K table: arthritis 4, haematuria 4,
  // proteinuria 4, rash 2, low complement 2, increased DNA binding 2, fever 1 = 19.
  SledaiVisit v;
  v.set(SledaiItem::arthritis).set(SledaiItem::hematuria).set(SledaiItem::proteinuria);
  v.set(SledaiItem::rash).set(SledaiItem::low_complement).set(SledaiItem::increased_dna_binding);
  v.set(SledaiItem::fever);
  EXPECT_EQ(sledai_2k(v), 19);
  EXPECT_EQ(clinical_sledai(v), 15);
  v.set(SledaiItem::fever, false);
  EXPECT_EQ(sledai_2k(v), 18);
}

TEST(InstrumentSledai, ByNameScoresARecord) {
  ItemValues v = all_items("0");
  set_value(v, "psychosis", "yes");
  set_value(v, "arthritis", "1");
  set_value(v, "alopecia", "TRUE");
  set_value(v, "thrombocytopenia", "present");
  auto s = sledai_2k(v);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*s, 8 + 4 + 2 + 1);
  auto c = clinical_sledai(v);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, 15);
}

TEST(InstrumentSledai, LooksUpItemsById) {
  auto i = find_sledai_item("organic_brain_syndrome");
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(*i, SledaiItem::organic_brain_syndrome);
  for (const auto& info : sledai_items()) {
    auto j = find_sledai_item(info.id);
    ASSERT_TRUE(j.ok()) << info.id;
    EXPECT_EQ(*j, info.item);
  }
  auto bad = find_sledai_item("lupus_nephritis");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "lupus_nephritis");
  EXPECT_EQ(bad.error().message, "SLEDAI-2K: unknown item \"lupus_nephritis\"");
}

TEST(InstrumentSledai, UnknownItemInARecordIsNamed) {
  ItemValues v = all_items("0");
  v.push_back({"malar_rash", "1"});
  auto s = sledai_2k(v);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "malar_rash");
  EXPECT_EQ(s.error().message, "SLEDAI-2K: unknown item \"malar_rash\"");
}

TEST(InstrumentSledai, MissingRepeatedAndUnreadableItemsAreNamed) {
  ItemValues missing = all_items("0");
  missing.erase(missing.begin() + 5);  // lupus_headache
  auto m = sledai_2k(missing);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "SLEDAI-2K lupus_headache: missing");

  ItemValues twice = all_items("0");
  twice.push_back({"fever", "1"});
  auto t = sledai_2k(twice);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, "SLEDAI-2K fever: given twice");

  ItemValues bad = all_items("0");
  set_value(bad, "rash", "2");
  auto b = sledai_2k(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().field, "rash");
  EXPECT_EQ(b.error().message, "SLEDAI-2K rash: \"2\" is not a presence flag (use 1/0, yes/no, true/false)");
}

TEST(InstrumentCatalog, FindsItemsOfEveryInstrument) {
  auto a = find_item("sledai_2k", "cva");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->name, "Cerebrovascular accident");
  EXPECT_TRUE(find_item("bilag_2004", "haematological").ok());
  EXPECT_TRUE(find_item("essdai", "central_nervous_system").ok());
  EXPECT_TRUE(find_item("esspri", "dryness").ok());
  EXPECT_TRUE(find_item("jadas", "esr").ok());
  auto b = find_item("essdai", "ocular");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().message, "essdai: unknown item \"ocular\"");
  auto c = find_item("dapsa", "pain");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "dapsa");
  EXPECT_EQ(c.error().message, "unknown instrument \"dapsa\" (sledai_2k, bilag_2004, essdai, esspri, jadas)");
}

}  // namespace
}  // namespace il2t::instruments
