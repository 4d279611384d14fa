// il2trial randomise FILE --n N --seed S --out LIST [--key KEY]: the allocation list
// for real participants (and, for a blinded trial, its unblinded key); --verify LIST:
// shows a list to be the one the protocol makes.
#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/load.h"
#include "cli/model_options.h"
#include "data/read_file.h"
#include "il2trial/version.h"
#include "trial/allocation_file.h"
#include "trial/allocation_list.h"

namespace il2t::cli {

namespace {

constexpr const char* kCmd = "il2trial randomise";

struct Options {
  std::string file, n_text, seed_text, out, key, verify;
};

int usage(const std::string& message) {
  std::cerr << kCmd << ": error: " << message << "\n";
  return 2;
}

// How many strata end in a block the list cuts short (N is not a sum of block sizes there).
std::size_t cut_short(const trial::AllocationList& list) {
  std::size_t count = 0, in_block = 0;
  for (std::size_t i = 0; i < list.places.size(); ++i) {
    const trial::ListPlace& p = list.places[i];
    in_block = i > 0 && list.places[i - 1].stratum == p.stratum && list.places[i - 1].block == p.block ? in_block + 1 : 1;
    const bool last = i + 1 == list.places.size() || list.places[i + 1].stratum != p.stratum;
    if (last && p.block_size > 0 && in_block < p.block_size) ++count;
  }
  return count;
}

int verify(const Options& o) {
  if (!o.n_text.empty() || !o.seed_text.empty() || !o.out.empty() || !o.key.empty())
    return usage("--verify: the file gives N and the seed; --n, --seed, --out and --key are for making a list");
  auto loaded = load_protocol(o.file, std::cerr, true);
  if (!loaded) return 1;
  const auto text = data::read_file(o.verify);
  if (!text) {
    std::cerr << o.verify << ": error: cannot open the file\n";
    return 1;
  }
  auto v = trial::verify_list(*text, loaded->protocol, loaded->sha256);
  if (!v) {
    std::cerr << o.verify << ": error: " << v.error().message << "\n";
    return 1;
  }
  std::cout << o.verify << ": verified: the " << trial::to_string(v->kind) << " that " << o.file << " makes with n "
            << v->per_stratum << (v->kind == trial::ListKind::site ? "" : " and seed " + std::to_string(v->seed))
            << " · sha256 " << v->sha256 << "\n";
  const std::string ours = std::string("il2trial ") + kVersion;
  if (v->made_by != ours) std::cout << "  made by " << v->made_by << ", verified by " << ours << "\n";
  return 0;
}

int make(const Options& o) {
  if (o.n_text.empty()) return usage("--n: give the number of places per stratum (each stratum gets a full list of N)");
  std::size_t n = 0;
  auto [ptr, ec] = std::from_chars(o.n_text.data(), o.n_text.data() + o.n_text.size(), n);
  if (ec != std::errc() || ptr != o.n_text.data() + o.n_text.size() || n < 1 || n > trial::kMaxListPlaces)
    return usage("--n " + o.n_text + ": give 1 to " + std::to_string(trial::kMaxListPlaces) + " places per stratum");
  if (o.seed_text.empty())
    return usage("--seed: give the list's seed, a whole number from 0 to 18446744073709551615 (in a blinded trial, "
                 "one nobody can guess, kept with the key)");
  const auto seed = parse_seed(o.seed_text, kCmd);
  if (!seed) return 2;
  if (o.out.empty()) return usage("--out: give the file to write the list to (- for standard output)");
  auto loaded = load_protocol(o.file, std::cerr, true);
  if (!loaded) return 1;
  const protocol::Protocol& p = loaded->protocol;
  auto list = trial::make_allocation_list(p, n, *seed);
  if (!list) {
    std::cerr << o.file << ": error: " << list.error().message << "\n";
    return 1;
  }
  const bool blinded = trial::blinded(p);
  const std::string masking = "identity.masking \"" + p.identity.masking.value + "\"";
  if (blinded && o.key.empty())
    return usage("--key: " + p.identity.id.value + " is blinded (" + masking +
                 "): give the file for the unblinded key; the list (--out) then shows no arms");
  if (!blinded && !o.key.empty())
    return usage("--key: " + p.identity.id.value + " is open (" + masking + "): its list shows the arms, and there is no key");
  if (o.key == "-") return usage("--key -: the key goes to a file, kept apart from the list");
  if (blinded && o.key == o.out) return usage("--key " + o.key + ": the key and the list (--out) must be two files");

  const trial::ListSource src{o.file, loaded->sha256, kVersion};
  const auto shown = trial::list_file(*list, p, blinded ? trial::ListKind::site : trial::ListKind::open, src);
  std::optional<trial::ListFile> key;
  if (blinded) {
    key = trial::list_file(*list, p, trial::ListKind::key, src);
    if (!emit(key->text, o.key, std::cerr)) return 1;
  }
  if (!emit(shown.text, o.out, std::cerr)) {
    if (key) std::filesystem::remove(o.key);  // both files or neither
    return 1;
  }
  std::ostream& say = o.out == "-" ? std::cerr : std::cout;
  const std::size_t strata = list->strata.count();
  say << p.identity.id.value << ": " << strata << (strata == 1 ? " stratum" : " strata") << " × " << n << " places = "
      << list->places.size() << ", seed " << *seed << "\n";
  say << (blinded ? "site list " : "list ") << (o.out == "-" ? "on standard output" : o.out) << " · sha256 "
      << shown.sha256 << "\n";
  if (key) say << "key " << o.key << " · sha256 " << key->sha256 << " (unblinded: keep it from the sites)\n";
  if (const std::size_t c = cut_short(*list); c > 0)
    std::cerr << kCmd << ": warning: --n " << n << ": the list of " << c << (c == 1 ? " stratum" : " strata") << " (of "
              << strata << ") ends in an incomplete block (no block size fits the places left); the ratio holds in "
              << "every complete block\n";
  return 0;
}

}  // namespace

void add_randomise(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("randomise", "The allocation list for real participants, or --verify a list");
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "Protocol file (TOML)")->required();
  cmd->add_option("--n", o->n_text, "Places per stratum: every stratum gets a full list of N");
  cmd->add_option("--seed", o->seed_text, "The list's seed, 0 to 18446744073709551615: the same seed gives the same list");
  cmd->add_option("--out", o->out, "The list (for a blinded protocol: the site list, without arms); - for standard output");
  cmd->add_option("--key", o->key, "A blinded protocol's unblinded key: each randomisation number's block and arm");
  cmd->add_option("--verify", o->verify, "Check that a list (or key) file is the one this protocol makes, unchanged");
  cmd->callback([o, &status] { status = o->verify.empty() ? make(*o) : verify(*o); });
}

}  // namespace il2t::cli
