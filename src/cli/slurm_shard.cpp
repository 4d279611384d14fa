#include "cli/slurm_shard.h"

#include <charconv>
#include <cstdint>

namespace il2t::cli {

namespace {

// The variable as a whole number, nullopt when unset; an error when set but not one.
Expected<std::optional<std::int64_t>> whole(const Environment& env, const char* name) {
  const char* v = env(name);
  if (!v) return std::optional<std::int64_t>{};
  const std::string s(v);
  std::int64_t x = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || x < 0 || x > 10'000'000)
    return Error{.message = std::string(name) + "=\"" + s + "\": not a whole number from 0 to 10000000"};
  return std::optional<std::int64_t>(x);
}

}  // namespace

Expected<std::optional<std::string>> slurm_shard(const Environment& env) {
  const auto count = whole(env, "SLURM_ARRAY_TASK_COUNT");
  if (!count) return count.error();
  if (!*count) return std::optional<std::string>{};  // not an array task
  const auto id = whole(env, "SLURM_ARRAY_TASK_ID"), lo = whole(env, "SLURM_ARRAY_TASK_MIN"),
             hi = whole(env, "SLURM_ARRAY_TASK_MAX"), step = whole(env, "SLURM_ARRAY_TASK_STEP");
  for (const auto* x : {&id, &lo, &hi, &step})
    if (!*x) return x->error();
  if (!*id) return Error{.message = "SLURM_ARRAY_TASK_COUNT is set but SLURM_ARRAY_TASK_ID is not"};
  const std::int64_t n = **count, first = lo->value_or(0), i = **id - first;
  if (n < 1) return Error{.message = "SLURM_ARRAY_TASK_COUNT=0: an array has at least one task"};
  if ((*step && **step != 1) || (*hi && **hi - first + 1 != n))
    return Error{.message = "the Slurm array's indices are not contiguous (--array=LO-HI with step 1): its tasks "
                            "cannot name the shards 0 to n−1"};
  if (i < 0 || i >= n)
    return Error{.message = "SLURM_ARRAY_TASK_ID=" + std::to_string(**id) + " is outside the array's " +
                            std::to_string(n) + " tasks from " + std::to_string(first)};
  return std::optional<std::string>(std::to_string(i) + "/" + std::to_string(n));
}

std::string out_for_shard(std::string out, int shard) {
  const std::string key = "{shard}", value = std::to_string(shard);
  for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
    out.replace(at, key.size(), value);
  return out;
}

}  // namespace il2t::cli
