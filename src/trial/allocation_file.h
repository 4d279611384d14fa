#pragma once
// The files of an allocation list (allocation_list.h) and their verification.
//
// An open trial (identity.masking "none") has one list, giving each place's arm. A
// blinded trial has two files: the site list, which shows only each place's stratum,
// sequence and randomisation number (no arm, no block, no seed: it is the same for
// every seed, so it reveals nothing), and the unblinded key, which gives each number's
// block and arm. Each file is comment lines ("# key: value") saying what made it, then
// CSV. Its "sha256" line is the SHA-256 of the CSV lines as written (the header and the
// rows, each ending in LF): the canonical content. The key and the open list also
// record the seed, so that regenerating from the protocol shows the list to be the one
// made (verify_list).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "protocol/protocol.h"
#include "trial/allocation_list.h"

namespace il2t::trial {

enum class ListKind { open, site, key };
const char* to_string(ListKind k);  // "open list", "site list", "key"

// identity.masking is given and not "none".
bool blinded(const protocol::Protocol& p);

struct ListSource {
  std::string protocol_file, protocol_sha256, version;
};

// The CSV lines of the list as `kind` shows it: the canonical content.
std::string list_csv(const AllocationList& list, const protocol::Protocol& p, ListKind kind);

struct ListFile {
  std::string text;    // the comment lines, then list_csv
  std::string sha256;  // of list_csv
};
ListFile list_file(const AllocationList& list, const protocol::Protocol& p, ListKind kind, const ListSource& src);

// A list file read back: its kind, its comment fields, and its CSV lines.
struct ReadList {
  ListKind kind = ListKind::open;
  std::map<std::string, std::string> fields;  // "seed", "n per stratum", "sha256", …
  std::string csv;
};
Expected<ReadList> read_list(std::string_view text);

struct Verified {
  ListKind kind = ListKind::open;
  std::size_t per_stratum = 0;
  std::uint64_t seed = 0;    // not for a site list, which records none
  std::string sha256;        // of its CSV lines, as recorded and as regenerated
  std::string made_by;       // the program version that made it
};

// The file's CSV lines hash to its recorded SHA-256, the file was made from this
// protocol (`protocol_sha256`), and regenerating the list from the protocol, the
// recorded N and (open list, key) seed gives the same lines. The error says which check
// failed and, for a changed list, the first line that differs.
Expected<Verified> verify_list(std::string_view text, const protocol::Protocol& p, const std::string& protocol_sha256);

}  // namespace il2t::trial
