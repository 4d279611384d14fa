#include "trial/allocation_file.h"

#include <charconv>
#include <vector>

#include "core/units.h"
#include "data/csv.h"
#include "data/sha256.h"

namespace il2t::trial {

namespace {

constexpr std::string_view kTitle = "# il2trial randomisation list: ";

std::string join(const std::vector<std::string>& xs, const char* sep) {
  std::string s;
  for (const std::string& x : xs) s += (s.empty() ? "" : sep) + x;
  return s;
}

// "permuted blocks of 4 or 8 (…)", with the ratio.
std::string allocation_text(const protocol::Protocol& p) {
  std::string out;
  if (p.randomisation.method.value == "simple") {
    out = "simple randomisation";
  } else {
    std::vector<std::string> sizes;
    for (std::int64_t b : p.randomisation.block_sizes.value) sizes.push_back(std::to_string(b));
    out = "permuted blocks of " + join(sizes, " or ") + (sizes.size() > 1 ? " (a size drawn at random for each block)" : "");
  }
  std::vector<std::string> ratio;
  for (const protocol::Arm& a : p.arms) ratio.push_back(a.id + " " + units::format_number(a.ratio.value));
  return out + "; ratio " + join(ratio, " : ");
}

std::string strata_text(const Strata& s) {
  if (s.factors.empty()) return "none (one list)";
  std::vector<std::string> fs;
  for (const Factor& f : s.factors) fs.push_back(f.name + " (" + join(f.levels, ", ") + ")");
  return join(fs, " × ") + ": " + std::to_string(s.count()) + " strata";
}

template <class T>
bool whole(const std::string& s, T& v) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return out;
}

std::string short_hash(const std::string& h) { return h.substr(0, 12) + "…"; }

}  // namespace

const char* to_string(ListKind k) {
  switch (k) {
    case ListKind::open: return "open list";
    case ListKind::site: return "site list";
    case ListKind::key: return "key";
  }
  return "";
}

bool blinded(const protocol::Protocol& p) {
  const std::string& m = p.identity.masking.value;
  return !m.empty() && m != "none";
}

std::string list_csv(const AllocationList& list, const protocol::Protocol& p, ListKind kind) {
  const bool arms = kind != ListKind::site;
  std::vector<std::string> head{"stratum"};
  for (const Factor& f : list.strata.factors) head.push_back(f.name);
  head.insert(head.end(), {"sequence", "randomisation_number"});
  if (arms) head.insert(head.end(), {"block", "block_size", "arm"});
  std::string out = data::csv_row(head);
  std::vector<std::string> row;
  for (const ListPlace& place : list.places) {
    row.assign({std::to_string(place.stratum + 1)});
    const auto levels = list.strata.levels_of(place.stratum);
    for (std::size_t k = 0; k < levels.size(); ++k) row.push_back(list.strata.factors[k].levels[levels[k]]);
    row.push_back(std::to_string(place.sequence));
    row.push_back(std::to_string(place.number));
    if (arms) {
      row.push_back(place.block > 0 ? std::to_string(place.block) : "");
      row.push_back(place.block_size > 0 ? std::to_string(place.block_size) : "");
      row.push_back(p.arms[place.arm].id);
    }
    out += data::csv_row(row);
  }
  return out;
}

ListFile list_file(const AllocationList& list, const protocol::Protocol& p, ListKind kind, const ListSource& src) {
  ListFile f;
  const std::string csv = list_csv(list, p, kind);
  f.sha256 = data::sha256_hex(csv);
  std::string& t = f.text;
  t += std::string(kTitle) + to_string(kind) + "\n";
  t += "# protocol: " + p.identity.id.value + "\n";
  t += "# protocol file: " + src.protocol_file + "\n";
  t += "# protocol sha256: " + src.protocol_sha256 + "\n";
  t += "# program: il2trial " + src.version + "\n";
  if (kind != ListKind::site) t += "# allocation: " + allocation_text(p) + "\n";
  t += "# strata: " + strata_text(list.strata) + "\n";
  t += "# n per stratum: " + std::to_string(list.per_stratum) + "\n";
  if (kind != ListKind::site) t += "# seed: " + std::to_string(list.seed) + "\n";
  if (kind == ListKind::site)
    t += "# note: blinded: no arms, blocks or seed; the key (kept apart, unblinded) gives each number's arm\n";
  if (kind == ListKind::key)
    t += "# note: the unblinded key: keep it from the sites and everyone blinded\n";
  t += "# sha256: " + f.sha256 + "\n";
  t += csv;
  return f;
}

Expected<ReadList> read_list(std::string_view text) {
  ReadList r;
  const auto lines = lines_of(text);
  if (lines.empty() || lines[0].substr(0, kTitle.size()) != kTitle)
    return Error{"line 1: not a randomisation list il2trial made (it begins \"" + std::string(kTitle) + "…\")"};
  const std::string_view kind = lines[0].substr(kTitle.size());
  if (kind == "open list") r.kind = ListKind::open;
  else if (kind == "site list") r.kind = ListKind::site;
  else if (kind == "key") r.kind = ListKind::key;
  else return Error{"line 1: \"" + std::string(kind) + "\" is not a kind of list (open list, site list, key)"};
  std::size_t offset = lines[0].size() + 1;
  for (std::size_t i = 1; i < lines.size() && !lines[i].empty() && lines[i][0] == '#'; ++i) {
    const std::string_view l = lines[i];
    offset += l.size() + 1;
    const auto colon = l.find(": ");
    if (l.substr(0, 2) != "# " || colon == std::string_view::npos)
      return Error{"line " + std::to_string(i + 1) + ": a comment line is \"# key: value\""};
    r.fields[std::string(l.substr(2, colon - 2))] = std::string(l.substr(colon + 2));
  }
  r.csv = std::string(text.substr(std::min(offset, text.size())));
  if (!r.fields.contains("sha256")) return Error{"no \"# sha256:\" line: the list's hash is missing"};
  return r;
}

Expected<Verified> verify_list(std::string_view text, const protocol::Protocol& p, const std::string& protocol_sha256) {
  auto read = read_list(text);
  if (!read) return read.error();
  const ReadList& r = *read;
  auto field = [&](const char* key) {
    auto it = r.fields.find(key);
    return it == r.fields.end() ? std::string() : it->second;
  };
  Verified v;
  v.kind = r.kind;
  v.made_by = field("program");
  v.sha256 = field("sha256");
  if (field("protocol sha256") != protocol_sha256)
    return Error{"protocol sha256: the list was made from another protocol file (" + field("protocol file") +
                 ", sha256 " + short_hash(field("protocol sha256")) + "), not this one (sha256 " +
                 short_hash(protocol_sha256) + ")"};
  if (!whole(field("n per stratum"), v.per_stratum)) return Error{"n per stratum: missing or not a whole number"};
  if (r.kind != ListKind::site && !whole(field("seed"), v.seed)) return Error{"seed: missing or not a whole number"};
  auto list = make_allocation_list(p, v.per_stratum, v.seed);
  if (!list) return list.error();
  const std::string expected = list_csv(*list, p, r.kind);
  const std::string actual_sha = data::sha256_hex(r.csv);
  const bool hash_holds = actual_sha == v.sha256;
  if (r.csv != expected) {
    const auto have = lines_of(r.csv), want = lines_of(expected);
    const std::size_t head = lines_of(text).size() - have.size();  // the comment lines
    std::size_t i = 0;
    while (i < have.size() && i < want.size() && have[i] == want[i]) ++i;
    auto quoted = [](const std::vector<std::string_view>& ls, std::size_t k) {
      if (k >= ls.size()) return std::string("no line");
      std::string q(1, '"');
      q.append(ls[k]).push_back('"');
      return q;
    };
    return Error{"line " + std::to_string(head + i + 1) + ": the file has " + quoted(have, i) + ", the list made from " +
                 "this protocol with n " + std::to_string(v.per_stratum) +
                 (r.kind == ListKind::site ? "" : " and seed " + std::to_string(v.seed)) + " has " + quoted(want, i) +
                 (hash_holds ? " (the file's lines match its sha256: made otherwise, not changed since)"
                             : " (the file's lines do not match its sha256 " + short_hash(v.sha256) +
                                   ": changed after it was made)")};
  }
  if (!hash_holds)
    return Error{"sha256: the recorded " + short_hash(v.sha256) + " is not the lines' " + short_hash(actual_sha) +
                 ": the sha256 line was changed"};
  return v;
}

}  // namespace il2t::trial
