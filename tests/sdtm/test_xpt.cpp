// SAS transport files (src/sdtm/xpt.h): a written file reads back cell for cell (text,
// numbers at the ends of XPT's range, NaN, labels, lengths); what version 5 cannot hold
// is refused naming the variable, and leaves no file; truncated, damaged, garbage and
// multi-member files give an Error naming the file; and the DM and QS that R's haven
// wrote (tests/reference/sdtm_haven.R) read as the script states.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "sdtm/xpt.h"
#include "unit/test_support.h"

namespace il2t::sdtm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string temp(const std::string& name) { return ::testing::TempDir() + "il2t-xpt-" + name; }

// A new file each time: truncating one in place makes ext4 flush it to disk, slowly.
void write_bytes(const std::string& path, const std::string& bytes) {
  std::filesystem::remove(path);
  std::ofstream(path, std::ios::binary) << bytes;
}

// A DM-like dataset: declared and undeclared text lengths, a 200-byte value, a leading
// space, UTF-8 bytes, an empty label, NaN, and numbers at the ends of XPT's range.
Dataset sample() {
  Dataset d("DM", "");
  d.add_column("STUDYID", VarType::text, "Study Identifier", 12);
  d.add_column("USUBJID", VarType::text, "Unique Subject Identifier", 20);
  d.add_column("AGE", VarType::number, "Age");
  d.add_column("X", VarType::number, "");
  d.add_column("ARM", VarType::text, "Description of Planned Arm");  // no declared length
  d.add_column("COVAL", VarType::text, "Comment", 200);
  const std::vector<std::vector<std::string>> text = {
      {"IL2-SLE-01", "IL2-SLE-01-001", "Low-dose IL-2", " leading space"},
      {"IL2-SLE-01", "IL2-SLE-01-002", "", std::string(200, 'x')},
      {"IL2-SLE-01", "IL2-SLE-01-003", "Placebo", "\xc3\xbc" "n" "\xc3\xaf" "c" "\xc3\xb6" "d" "\xc3\xa9"},
      {"", "IL2-SLE-01-004", "Placebo", ""},
  };
  const std::vector<std::vector<double>> numbers = {
      {34, 0.1},
      {kNaN, 1.0 / 3.0},
      {-2.5, std::ldexp(1.0, -260)},                            // the smallest XPT number
      {123456789.123456789, std::nextafter(std::ldexp(1.0, 249), 0.0)},  // the largest
  };
  for (std::size_t r = 0; r < text.size(); ++r) {
    d.begin_row();
    d.set_text(0, text[r][0]);
    d.set_text(1, text[r][1]);
    d.set_number(2, numbers[r][0]);
    d.set_number(3, numbers[r][1]);
    d.set_text(4, text[r][2]);
    d.set_text(5, text[r][3]);
  }
  d.finish();
  return d;
}

void expect_same_cells(const Dataset& a, const Dataset& b) {
  ASSERT_EQ(a.width(), b.width());
  ASSERT_EQ(a.rows(), b.rows());
  for (std::size_t c = 0; c < a.width(); ++c) {
    const Column& x = a.column(c);
    const Column& y = b.column(c);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.type, y.type) << x.name;
    EXPECT_EQ(x.label, y.label) << x.name;
    for (std::size_t r = 0; r < a.rows(); ++r) {
      if (x.type == VarType::text) {
        EXPECT_EQ(a.text_view(c, r), b.text_view(c, r)) << x.name << " row " << r + 1;
      } else if (std::isnan(x.numbers[r])) {
        EXPECT_TRUE(std::isnan(y.numbers[r])) << x.name << " row " << r + 1;
      } else {
        EXPECT_EQ(x.numbers[r], y.numbers[r]) << x.name << " row " << r + 1;  // exactly
      }
    }
  }
}

std::string written_sample(const std::string& name) {
  const std::string path = temp(name);
  const Error e = write_xpt(sample(), path);
  EXPECT_TRUE(e.empty()) << e.text();
  return test::read_text(path);
}

// The offset of the first row: after the OBS header record.
std::size_t data_start(const std::string& bytes) {
  return bytes.find("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!") + 80;
}

TEST(Xpt, WrittenFileReadsBackCellForCell) {
  const std::string path = temp("roundtrip.xpt");
  const Dataset d = sample();
  ASSERT_TRUE(write_xpt(d, path).empty());
  EXPECT_EQ(std::filesystem::file_size(path) % 80, 0u);
  const Expected<Dataset> back = read_xpt(path);
  ASSERT_TRUE(back.ok()) << back.error().text();
  EXPECT_EQ(back->name(), "DM");
  EXPECT_EQ(back->file(), path);
  expect_same_cells(d, *back);
  // Lengths: declared ones kept; the undeclared one is the longest value; numbers have none.
  EXPECT_EQ(back->column(0).length, 12);
  EXPECT_EQ(back->column(1).length, 20);
  EXPECT_EQ(back->column(2).length, 0);
  EXPECT_EQ(back->column(4).length, 13);  // "Low-dose IL-2"
  EXPECT_EQ(back->column(5).length, 200);
  EXPECT_EQ(back->where(2), path + ", record 3");
  EXPECT_TRUE(back->missing(2, 1));
  EXPECT_TRUE(back->missing(0, 3));
}

TEST(Xpt, NamesAndDatasetNameReadUpperCase) {
  Dataset d("qs", "");
  d.add_column("qsseq", VarType::number, "Sequence Number");
  d.begin_row();
  d.set_number(0, 1);
  d.finish();
  const std::string path = temp("lower.xpt");
  ASSERT_TRUE(write_xpt(d, path).empty());
  const Expected<Dataset> back = read_xpt(path);
  ASSERT_TRUE(back.ok()) << back.error().text();
  EXPECT_EQ(back->name(), "QS");
  EXPECT_EQ(back->column(0).name, "QSSEQ");
}

TEST(Xpt, NoRowsReadsAsNoRows) {
  Dataset d("AE", "");
  d.add_column("AETERM", VarType::text, "Reported Term", 40);
  d.add_column("AESEQ", VarType::number, "Sequence Number");
  d.finish();
  const std::string path = temp("empty-ae.xpt");
  ASSERT_TRUE(write_xpt(d, path).empty());
  const Expected<Dataset> back = read_xpt(path);
  ASSERT_TRUE(back.ok()) << back.error().text();
  EXPECT_EQ(back->rows(), 0u);
  EXPECT_EQ(back->width(), 2u);
}

// What version 5 cannot hold is refused before anything is written: no file, no
// temporary file, and a file already there is left as it was.
TEST(Xpt, WriteRefusesWhatVersion5CannotHoldNamingTheVariable) {
  struct Case {
    const char* what;
    std::function<void(Dataset&)> change;
    const char* field;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"a 9-character name", [](Dataset& d) { d.add_column("USUBJIDXX", VarType::text, "x", 1); }, "USUBJIDXX",
       "USUBJIDXX: not a SAS name of 1 to 8"},
      {"a name with a dash", [](Dataset& d) { d.add_column("AE-TERM", VarType::text); }, "AE-TERM", "not a SAS name"},
      {"a name SAS keeps", [](Dataset& d) { d.add_column("_N_", VarType::number); }, "_N_", "_N_: not a SAS name"},
      {"a 41-byte label", [](Dataset& d) { d.add_column("LONGLAB", VarType::number, std::string(41, 'L')); },
       "LONGLAB", "LONGLAB: a label of 41 bytes; XPT version 5 holds 40"},
      {"a value over its declared length",
       [](Dataset& d) { d.add_column("SHORT", VarType::text, "", 3); }, "SHORT", "SHORT: row 2 holds 4 bytes, longer than the variable's length 3"},
      {"a value over 200 bytes", [](Dataset& d) { d.add_column("BIG", VarType::text); }, "BIG",
       "BIG: row 2 holds 201 bytes, longer than 200"},
      {"an infinite number", [](Dataset& d) { d.add_column("INF", VarType::number); }, "INF",
       "INF: row 2 holds inf, which an XPT number cannot hold"},
      {"a number too small for XPT", [](Dataset& d) { d.add_column("TINY", VarType::number); }, "TINY",
       "which an XPT number cannot hold"},
  };
  for (const Case& k : cases) {
    Dataset d("DM", "");
    d.add_column("USUBJID", VarType::text, "Unique Subject Identifier", 8);
    k.change(d);
    for (int r = 0; r < 2; ++r) {
      d.begin_row();
      d.set_text(0, "S-00" + std::to_string(r));
      const std::string name = d.column(1).name;
      if (name == "SHORT") d.set_text(1, r == 0 ? "abc" : "abcd");
      if (name == "BIG") d.set_text(1, std::string(200 + r, 'b'));
      if (name == "INF") d.set_number(1, r == 0 ? 1.0 : std::numeric_limits<double>::infinity());
      if (name == "TINY") d.set_number(1, r == 0 ? 1.0 : 1e-300);
    }
    d.finish();
    const std::string path = temp("refused.xpt");
    write_bytes(path, "old");
    const Error e = write_xpt(d, path);
    ASSERT_FALSE(e.empty()) << k.what;
    EXPECT_EQ(e.file, path) << k.what;
    EXPECT_EQ(e.field, k.field) << k.what;
    EXPECT_NE(e.message.find(k.says), std::string::npos) << k.what << ": " << e.message;
    EXPECT_EQ(test::read_text(path), "old") << k.what;
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp." + std::to_string(::getpid()))) << k.what;
  }
}

TEST(Xpt, WriteRefusesABadDatasetName) {
  for (const char* name : {"", "TOOLONGNAME", "1DM"}) {
    Dataset d(name, "");
    d.add_column("A", VarType::number);
    d.finish();
    const Error e = write_xpt(d, temp("badname.xpt"));
    ASSERT_FALSE(e.empty()) << name;
    EXPECT_NE(e.message.find("dataset name"), std::string::npos) << e.message;
  }
}

TEST(Xpt, WriteIntoAMissingFolderIsAnError) {
  const std::string path = temp("no-such-folder/dm.xpt");
  const Error e = write_xpt(sample(), path);
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e.file, path);
  EXPECT_NE(e.message.find("cannot create"), std::string::npos) << e.message;
}

TEST(Xpt, MissingEmptyAndGarbageFilesAreErrorsNamingTheFile) {
  const std::string missing = temp("no-such-file.xpt");
  Expected<Dataset> r = read_xpt(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, missing);
  EXPECT_NE(r.error().message.find("cannot open"), std::string::npos);

  const std::string empty = temp("empty.xpt");
  write_bytes(empty, "");
  r = read_xpt(empty);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().text(), empty + ": the file is empty");

  std::mt19937 rng(20240701);
  for (std::size_t size : {79u, 80u, 160u, 800u, 4000u, 4001u}) {
    std::string junk(size, ' ');
    for (char& c : junk) c = static_cast<char>(rng());
    const std::string path = temp("garbage.xpt");
    write_bytes(path, junk);
    r = read_xpt(path);
    ASSERT_FALSE(r.ok()) << size;
    EXPECT_EQ(r.error().file, path);
  }
  // Text that is not XPT, a whole number of records long.
  const std::string csv = temp("not-xpt.xpt");
  write_bytes(csv, std::string(80, 'a'));
  r = read_xpt(csv);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a SAS transport (XPT) file"), std::string::npos) << r.error().message;
}

// Every prefix of a good file: an Error naming the file, except a cut on a record
// boundary among the rows (version 5 has no row count), which reads the rows before it.
TEST(Xpt, TruncatedFilesAreErrorsOrTheRowsBeforeTheCut) {
  const std::string bytes = written_sample("whole.xpt");
  const Dataset d = sample();
  const std::size_t start = data_start(bytes);
  ASSERT_GT(start, 80u);
  const std::string path = temp("cut.xpt");
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    write_bytes(path, bytes.substr(0, size));
    const Expected<Dataset> r = read_xpt(path);
    if (size % 80 != 0 || size < start) {
      ASSERT_FALSE(r.ok()) << "cut at " << size;
      EXPECT_EQ(r.error().file, path);
      continue;
    }
    if (!r.ok()) continue;
    ASSERT_LT(r->rows(), d.rows()) << "cut at " << size;
    for (std::size_t row = 0; row < r->rows(); ++row)
      for (std::size_t c = 0; c < d.width(); ++c) EXPECT_EQ(r->text(c, row), d.text(c, row));
  }
}

// Damage in the headers, byte by byte: never a crash; an Error names the file.
TEST(Xpt, DamagedHeadersNeverCrash) {
  const std::string bytes = written_sample("to-damage.xpt");
  const std::string path = temp("damaged.xpt");
  const std::size_t start = data_start(bytes);
  int errors = 0;
  for (std::size_t at = 0; at < start; ++at) {
    for (const char b : {'\0', '\xff', '9', '-'}) {
      if (bytes[at] == b) continue;
      std::string damaged = bytes;
      damaged[at] = b;
      write_bytes(path, damaged);
      const Expected<Dataset> r = read_xpt(path);
      if (!r.ok()) {
        ++errors;
        EXPECT_EQ(r.error().file, path);
      }
    }
  }
  EXPECT_GT(errors, 0);
}

TEST(Xpt, BytesAfterTheLastRowAreAnError) {
  std::string bytes = written_sample("padded.xpt");
  ASSERT_EQ(bytes.back(), ' ');  // 4 rows of 261 bytes leave padding in the last record
  bytes.back() = 'X';
  const std::string path = temp("torn.xpt");
  write_bytes(path, bytes);
  const Expected<Dataset> r = read_xpt(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cut short: the file ends inside a row"), std::string::npos) << r.error().message;
}

TEST(Xpt, ASecondMemberIsAnError) {
  const std::string one = written_sample("first.xpt");
  const std::size_t member = one.find("HEADER RECORD*******MEMBER");
  ASSERT_NE(member, std::string::npos);
  const std::string path = temp("two-members.xpt");
  write_bytes(path, one + one.substr(member));
  const Expected<Dataset> r = read_xpt(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than one dataset"), std::string::npos) << r.error().message;
}

TEST(Xpt, LimitsAreErrors) {
  const std::string path = temp("limited.xpt");
  ASSERT_TRUE(write_xpt(sample(), path).empty());
  Expected<Dataset> r = read_xpt(path, ReadLimits{.max_rows = 3});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than 3 records"), std::string::npos) << r.error().message;
  EXPECT_TRUE(read_xpt(path, ReadLimits{.max_rows = 4}).ok());
  r = read_xpt(path, ReadLimits{.max_bytes = 800});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("ReadLimits::max_bytes"), std::string::npos) << r.error().message;
}

// tests/reference/sdtm/dm.xpt and qs.xpt, written by haven::write_xpt(version = 5) from
// the literals of tests/reference/sdtm_haven.R, repeated here.
TEST(Xpt, ReadsWhatHavenWrote) {
  const Expected<Dataset> dm = read_xpt(test::source_path("tests/reference/sdtm/dm.xpt"));
  ASSERT_TRUE(dm.ok()) << dm.error().text();
  EXPECT_EQ(dm->name(), "DM");
  struct Var {
    const char* name;
    const char* label;
    VarType type;
    int length;
  };
  const std::vector<Var> dm_vars = {
      {"STUDYID", "Study Identifier", VarType::text, 10},
      {"DOMAIN", "Domain Abbreviation", VarType::text, 2},
      {"USUBJID", "Unique Subject Identifier", VarType::text, 20},  // width = 20 in R
      {"SUBJID", "Subject Identifier for the Study", VarType::text, 3},
      {"RFSTDTC", "Subject Reference Start Date/Time", VarType::text, 10},
      {"AGE", "Age", VarType::number, 0},
      {"AGEU", "Age Units", VarType::text, 5},
      {"SEX", "Sex", VarType::text, 1},
      {"ARMCD", "Planned Arm Code", VarType::text, 8},               // width = 8
      {"ARM", "Description of Planned Arm", VarType::text, 40},     // width = 40
  };
  ASSERT_EQ(dm->width(), dm_vars.size());
  for (std::size_t c = 0; c < dm_vars.size(); ++c) {
    EXPECT_EQ(dm->column(c).name, dm_vars[c].name);
    EXPECT_EQ(dm->column(c).label, dm_vars[c].label);
    EXPECT_EQ(dm->column(c).type, dm_vars[c].type) << dm_vars[c].name;
    EXPECT_EQ(dm->column(c).length, dm_vars[c].length) << dm_vars[c].name;
  }
  const std::vector<std::vector<std::string>> dm_rows = {
      {"IL2-SLE-01", "DM", "IL2-SLE-01-001", "001", "2024-01-15", "34", "YEARS", "F", "IL2", "Low-dose IL-2"},
      {"IL2-SLE-01", "DM", "IL2-SLE-01-002", "002", "2024-02-03", "51", "YEARS", "F", "PBO", "Placebo"},
      {"IL2-SLE-01", "DM", "IL2-SLE-01-003", "003", "", "", "YEARS", "M", "", ""},
      {"IL2-SLE-01", "DM", "IL2-SLE-01-004", "004", "2024-03-11", "28", "YEARS", "F", "IL2", "Low-dose IL-2"},
  };
  ASSERT_EQ(dm->rows(), dm_rows.size());
  for (std::size_t r = 0; r < dm_rows.size(); ++r)
    for (std::size_t c = 0; c < dm_vars.size(); ++c) EXPECT_EQ(dm->text(c, r), dm_rows[r][c]) << dm_vars[c].name;
  EXPECT_TRUE(std::isnan(dm->column(5).numbers[2]));  // AGE of the screen failure

  const Expected<Dataset> qs = read_xpt(test::source_path("tests/reference/sdtm/qs.xpt"));
  ASSERT_TRUE(qs.ok()) << qs.error().text();
  EXPECT_EQ(qs->name(), "QS");
  const std::vector<std::string> qs_names = {"STUDYID", "DOMAIN", "USUBJID", "QSSEQ", "QSTESTCD", "QSTEST",
                                             "QSORRES", "QSSTRESN", "VISITNUM", "VISIT", "QSDY"};
  ASSERT_EQ(qs->width(), qs_names.size());
  for (std::size_t c = 0; c < qs_names.size(); ++c) EXPECT_EQ(qs->column(c).name, qs_names[c]);
  EXPECT_EQ(qs->column(7).label, "Numeric Finding in Standard Units");
  EXPECT_EQ(qs->column(5).length, 27);  // "Physician Global Assessment"
  const std::vector<double> stresn = {10, 1.75, 0.5, 8, kNaN, 1.25};
  const std::vector<double> qsdy = {-3, -3, 84, -7, -7, 85};
  const std::vector<double> visitnum = {1, 1, 2, 1, 1, 2};
  const std::vector<std::string> orres = {"10", "1.75", "0.5", "8", "", "1.25"};
  const std::vector<std::string> testcd = {"SLEDAI", "PGA", "PGA", "SLEDAI", "PGA", "PGA"};
  ASSERT_EQ(qs->rows(), stresn.size());
  for (std::size_t r = 0; r < stresn.size(); ++r) {
    EXPECT_EQ(qs->text(2, r), r < 3 ? "IL2-SLE-01-001" : "IL2-SLE-01-002");
    EXPECT_EQ(qs->column(3).numbers[r], static_cast<double>(r % 3 + 1));  // QSSEQ
    EXPECT_EQ(qs->text(4, r), testcd[r]);
    EXPECT_EQ(qs->text(6, r), orres[r]);
    if (std::isnan(stresn[r])) EXPECT_TRUE(std::isnan(qs->column(7).numbers[r])) << r;
    else EXPECT_EQ(qs->column(7).numbers[r], stresn[r]) << r;
    EXPECT_EQ(qs->column(8).numbers[r], visitnum[r]);
    EXPECT_EQ(qs->text(9, r), visitnum[r] == 1 ? "SCREENING" : "WEEK 12");
    EXPECT_EQ(qs->column(10).numbers[r], qsdy[r]);
  }
}

}  // namespace
}  // namespace il2t::sdtm
