// The allocation list for real participants (il2trial randomise): the ratio exact in
// every complete block, only the protocol's block sizes, one independent list of N per
// stratum, the same bytes for the same seed and others for another, a hash that
// verifies and catches a one-character edit, and a blinded site list without arms.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "data/sha256.h"
#include "trial/allocation_file.h"
#include "trial/allocation_list.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

const std::string kSha = std::string(64, 'a');  // the protocol file's SHA-256, as the command passes it

protocol::Protocol stratified(const std::string& file, std::vector<std::string> strata) {
  protocol::Protocol p = test::shipped_protocol(file);
  p.randomisation.strata.value = std::move(strata);
  return p;
}

AllocationList made(const protocol::Protocol& p, std::size_t n, std::uint64_t seed) {
  auto l = make_allocation_list(p, n, seed);
  if (!l) throw std::runtime_error(l.error().message);
  return *l;
}

std::string file_text(const AllocationList& l, const protocol::Protocol& p, ListKind kind) {
  return list_file(l, p, kind, {"p.toml", kSha, "test"}).text;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> row;
    std::istringstream cells(line);
    for (std::string c; std::getline(cells, c, ',');) row.push_back(c);
    rows.push_back(row);
  }
  return rows;
}

TEST(RandomiseList, TheRatioHoldsExactlyInEveryCompleteBlockOfTheProtocolsSizes) {
  // 1:1:1:1 in blocks of 4 and 8, two strata; and 2:1 in blocks of 3 and 6.
  protocol::Protocol four = stratified("NCT04077684-dose-ranging.toml", {"activity: high, low"});
  protocol::Protocol two_to_one = test::shipped_protocol("NCT02465580-he2020.toml");
  two_to_one.arms[0].ratio.value = 2;
  two_to_one.randomisation.block_sizes.value = {3, 6};
  for (const protocol::Protocol* p : {&four, &two_to_one}) {
    const AllocationList l = made(*p, 203, 9);  // 203: the last block of a stratum may be cut short
    const auto& sizes = p->randomisation.block_sizes.value;
    double ratio_sum = 0;
    for (const auto& a : p->arms) ratio_sum += a.ratio.value;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> blocks;  // (stratum, block) → arms
    std::set<std::size_t> sizes_seen;
    for (const ListPlace& place : l.places) {
      ASSERT_NE(std::find(sizes.begin(), sizes.end(), static_cast<std::int64_t>(place.block_size)), sizes.end())
          << "block size " << place.block_size;
      sizes_seen.insert(place.block_size);
      blocks[{place.stratum, place.block}].push_back(place.arm);
    }
    EXPECT_EQ(sizes_seen.size(), sizes.size()) << "every block size should occur";
    std::size_t complete = 0;
    for (const auto& [key, arms] : blocks) {
      const auto it = std::find_if(l.places.begin(), l.places.end(), [&](const ListPlace& q) {
        return q.stratum == key.first && q.block == key.second;
      });
      if (arms.size() < it->block_size) continue;  // the cut-short last block
      ++complete;
      for (std::size_t a = 0; a < p->arms.size(); ++a) {
        const auto expected = static_cast<long>(static_cast<double>(it->block_size) * p->arms[a].ratio.value / ratio_sum);
        EXPECT_EQ(std::count(arms.begin(), arms.end(), a), expected) << "stratum " << key.first << " block " << key.second;
      }
    }
    EXPECT_GE(complete, blocks.size() - l.strata.count());  // at most one short block per stratum
  }
}

TEST(RandomiseList, EachStratumIsAFullIndependentListOfN) {
  const protocol::Protocol p = stratified("NCT02465580-he2020.toml", {"activity: high, low", "site: a, b"});
  const AllocationList l = made(p, 40, 3);
  ASSERT_EQ(l.strata.count(), 4u);
  ASSERT_EQ(l.places.size(), 160u);
  std::set<std::uint64_t> numbers;
  std::vector<std::string> sequences(4);
  for (std::size_t i = 0; i < l.places.size(); ++i) {
    const ListPlace& place = l.places[i];
    EXPECT_EQ(place.stratum, i / 40);
    EXPECT_EQ(place.sequence, i % 40 + 1);
    EXPECT_TRUE(numbers.insert(place.number).second) << "randomisation number " << place.number << " twice";
    sequences[place.stratum] += static_cast<char>('0' + place.arm);
  }
  EXPECT_EQ(l.places[0].number, 101u);
  EXPECT_EQ(l.places[159].number, 440u);
  // Not copies of one another.
  EXPECT_EQ(std::set<std::string>(sequences.begin(), sequences.end()).size(), 4u);
  // A stratum's list is its own: another level of the last factor renumbers the strata
  // after the first, but the first stratum's list stays as it was.
  const AllocationList more = made(stratified("NCT02465580-he2020.toml", {"activity: high, low", "site: a, b, c"}), 40, 3);
  ASSERT_EQ(more.strata.count(), 6u);
  for (std::size_t i = 0; i < 40; ++i) EXPECT_EQ(more.places[i].arm, l.places[i].arm) << i;
  EXPECT_EQ(l.strata.label(3), "activity low, site b");
}

TEST(RandomiseList, TheSameSeedGivesTheSameBytesAnotherSeedAnotherList) {
  const protocol::Protocol p = stratified("NCT05605665-sjogren-rapamycin.toml", {"centre: x, y"});
  const std::string a = file_text(made(p, 30, 42), p, ListKind::open);
  EXPECT_EQ(a, file_text(made(p, 30, 42), p, ListKind::open));
  EXPECT_NE(list_csv(made(p, 30, 42), p, ListKind::open), list_csv(made(p, 30, 43), p, ListKind::open));
}

TEST(RandomiseList, TheHashVerifiesAndCatchesAOneCharacterEdit) {
  const protocol::Protocol p = test::shipped_protocol("NCT05605665-sjogren-rapamycin.toml");
  const AllocationList l = made(p, 30, 42);
  const ListFile f = list_file(l, p, ListKind::open, {"p.toml", kSha, "test"});
  EXPECT_EQ(f.sha256, data::sha256_hex(list_csv(l, p, ListKind::open)));
  EXPECT_NE(f.text.find("# sha256: " + f.sha256 + "\n"), std::string::npos);
  EXPECT_NE(f.text.find("# seed: 42\n"), std::string::npos);
  EXPECT_NE(f.text.find("# protocol sha256: " + kSha + "\n"), std::string::npos);
  EXPECT_NE(f.text.find("# program: il2trial test\n"), std::string::npos);

  auto v = verify_list(f.text, p, kSha);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->seed, 42u);
  EXPECT_EQ(v->per_stratum, 30u);
  EXPECT_EQ(v->sha256, f.sha256);

  // One character of one row: the row's last character (its arm id's).
  std::string edited = f.text;
  const std::size_t row = edited.find("\n1,", edited.find("randomisation_number"));
  const std::size_t end = edited.find('\n', row + 1);
  edited[end - 1] = edited[end - 1] == 'x' ? 'y' : 'x';
  auto bad = verify_list(edited, p, kSha);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("changed after it was made"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("line 12:"), std::string::npos) << bad.error().message;

  // The seed line, the hash line, the protocol.
  std::string seed = f.text;
  seed.replace(seed.find("# seed: 42"), 10, "# seed: 43");
  EXPECT_FALSE(verify_list(seed, p, kSha));
  std::string hash = f.text;
  const std::size_t h = hash.find("# sha256: ") + 10;
  hash[h] = hash[h] == '0' ? '1' : '0';
  auto hash_bad = verify_list(hash, p, kSha);
  ASSERT_FALSE(hash_bad);
  EXPECT_NE(hash_bad.error().message.find("the sha256 line was changed"), std::string::npos) << hash_bad.error().message;
  auto other = verify_list(f.text, p, std::string(64, 'b'));
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("another protocol file"), std::string::npos);
}

TEST(RandomiseList, ABlindedSiteListShowsNoArmAndIsTheSameForEverySeed) {
  const protocol::Protocol p = stratified("NCT02465580-he2020.toml", {"activity: high, low"});
  ASSERT_TRUE(blinded(p));
  const AllocationList l = made(p, 20, 5);
  const std::string site = list_csv(l, p, ListKind::site);
  const auto rows = csv_rows(site);
  ASSERT_EQ(rows.size(), 41u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"stratum", "activity", "sequence", "randomisation_number"}));
  for (const auto& row : rows)
    for (const std::string& cell : row)
      for (const protocol::Arm& a : p.arms) EXPECT_NE(cell, a.id);
  EXPECT_EQ(site, list_csv(made(p, 20, 6), p, ListKind::site));
  const std::string file = file_text(l, p, ListKind::site);
  EXPECT_EQ(file.find("# seed"), std::string::npos);
  EXPECT_EQ(file.find("# allocation"), std::string::npos);
  for (const protocol::Arm& a : p.arms) EXPECT_EQ(file.find("," + a.id), std::string::npos) << a.id;
  // The key has the arms, and the same numbers in the same order.
  const auto key = csv_rows(list_csv(l, p, ListKind::key));
  ASSERT_EQ(key.size(), rows.size());
  EXPECT_EQ(key[0].back(), "arm");
  for (std::size_t i = 1; i < key.size(); ++i) EXPECT_EQ(key[i][3], rows[i][3]);
  // Both verify; the site list without a seed.
  auto vs = verify_list(file, p, kSha);
  ASSERT_TRUE(vs) << vs.error().message;
  EXPECT_EQ(vs->kind, ListKind::site);
  auto vk = verify_list(file_text(l, p, ListKind::key), p, kSha);
  ASSERT_TRUE(vk) << vk.error().message;
  EXPECT_EQ(vk->seed, 5u);
}

TEST(RandomiseList, ErrorsNameTheField) {
  EXPECT_EQ(make_allocation_list(test::shipped_protocol("NCT04136106-infection-observational.toml"), 10, 1).error().message,
            "identity.design: \"observational\": only a randomised trial has an allocation list");
  const protocol::Protocol bare = stratified("NCT02465580-he2020.toml", {"activity: high, low", "site"});
  EXPECT_EQ(make_allocation_list(bare, 10, 1).error().message,
            "randomisation.strata[1]: \"site\" gives no levels: write them in the protocol (\"site: level, level\")");
  EXPECT_EQ(make_allocation_list(test::shipped_protocol("NCT02465580-he2020.toml"), 0, 1).error().message,
            "n: 0 places per stratum: give 1 to 100000");
  EXPECT_FALSE(read_list("stratum,sequence\n1,1\n"));
}

}  // namespace
}  // namespace il2t::trial
