// The shard a Slurm array task runs, from its environment: i = ID − MIN of COUNT,
// nothing outside an array, and an error naming the variable for anything else.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cli/slurm_shard.h"

namespace il2t::cli {
namespace {

Expected<std::optional<std::string>> shard_of(const std::map<std::string, std::string>& vars) {
  return slurm_shard([&](const char* name) -> const char* {
    const auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

TEST(SlurmShard, ATaskOfAnArrayRunsItsShard) {
  const auto s = shard_of({{"SLURM_ARRAY_TASK_COUNT", "4"}, {"SLURM_ARRAY_TASK_ID", "6"},
                           {"SLURM_ARRAY_TASK_MIN", "4"}, {"SLURM_ARRAY_TASK_MAX", "7"}, {"SLURM_ARRAY_TASK_STEP", "1"}});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(**s, "2/4");
  const auto zero = shard_of({{"SLURM_ARRAY_TASK_COUNT", "2"}, {"SLURM_ARRAY_TASK_ID", "0"}});
  ASSERT_TRUE(zero);
  EXPECT_EQ(**zero, "0/2");
}

TEST(SlurmShard, OutsideAnArrayThereIsNone) {
  const auto s = shard_of({{"SLURM_JOB_ID", "12"}});
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->has_value());
}

TEST(SlurmShard, AnythingElseIsRefusedByName) {
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases{
      {{{"SLURM_ARRAY_TASK_COUNT", "x"}}, "SLURM_ARRAY_TASK_COUNT=\"x\": not a whole number"},
      {{{"SLURM_ARRAY_TASK_COUNT", "3"}}, "SLURM_ARRAY_TASK_ID is not"},
      {{{"SLURM_ARRAY_TASK_COUNT", "0"}, {"SLURM_ARRAY_TASK_ID", "0"}}, "SLURM_ARRAY_TASK_COUNT=0"},
      {{{"SLURM_ARRAY_TASK_COUNT", "3"}, {"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_STEP", "2"}}, "not contiguous"},
      {{{"SLURM_ARRAY_TASK_COUNT", "3"}, {"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_MIN", "0"},
        {"SLURM_ARRAY_TASK_MAX", "4"}}, "not contiguous"},
      {{{"SLURM_ARRAY_TASK_COUNT", "3"}, {"SLURM_ARRAY_TASK_ID", "3"}}, "SLURM_ARRAY_TASK_ID=3 is outside"},
      {{{"SLURM_ARRAY_TASK_COUNT", "3"}, {"SLURM_ARRAY_TASK_ID", "-1"}}, "SLURM_ARRAY_TASK_ID=\"-1\""},
  };
  for (const auto& [vars, words] : cases) {
    const auto s = shard_of(vars);
    ASSERT_FALSE(s) << words;
    EXPECT_NE(s.error().message.find(words), std::string::npos) << s.error().message;
  }
}

TEST(SlurmShard, EachTaskWritesItsOwnFile) {
  EXPECT_EQ(out_for_shard("part{shard}.json", 3), "part3.json");
  EXPECT_EQ(out_for_shard("{shard}/{shard}.json", 12), "12/12.json");
  EXPECT_EQ(out_for_shard("part.json", 3), "part.json");
}

}  // namespace
}  // namespace il2t::cli
