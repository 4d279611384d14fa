// SDTM datasets as CSV (src/sdtm/csv_dataset.h): the header (trimmed names, too many
// columns refused fast, repeated names found without a quadratic search), binary files
// refused once, CRLF and a byte-order mark read, line numbers kept across quoted line
// breaks, each broken quote named by its line, and a written dataset read back value
// for value, a one-column dataset's empty values among them.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sdtm/csv_dataset.h"

namespace il2t::sdtm {
namespace {

constexpr const char* kFile = "dm.csv";

Expected<Dataset> read(std::string_view text, const ReadLimits& limits = {}) {
  return read_csv_dataset(text, kFile, "dm", limits);
}

Error read_error(std::string_view text, const ReadLimits& limits = {}) {
  const Expected<Dataset> d = read(text, limits);
  EXPECT_FALSE(d.ok());
  return d.ok() ? Error{} : d.error();
}

std::vector<std::string> names(const Dataset& d) {
  std::vector<std::string> out;
  for (const Column& c : d.columns()) out.push_back(c.name);
  return out;
}

std::string header(std::size_t columns) {
  std::string h;
  for (std::size_t c = 0; c < columns; ++c) h += (c ? ",C" : "C") + std::to_string(c);
  return h + "\n";
}

TEST(CsvDataset, ReadsRowsWithTheirLines) {
  const Expected<Dataset> d = read("usubjid,AGE,ARM\nS-1,30,\"Low, dose\"\n\nS-2,,\"say \"\"hi\"\"\"\n");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->name(), "DM");
  EXPECT_EQ(d->file(), kFile);
  EXPECT_EQ(names(*d), (std::vector<std::string>{"USUBJID", "AGE", "ARM"}));
  ASSERT_EQ(d->rows(), 2u);
  EXPECT_EQ(d->text(2, 0), "Low, dose");
  EXPECT_TRUE(d->missing(1, 1));
  EXPECT_EQ(d->text(2, 1), "say \"hi\"");
  EXPECT_EQ(d->origin(0), 2u);
  EXPECT_EQ(d->origin(1), 4u);  // the blank line 3 is skipped, not renumbered
  EXPECT_EQ(d->where(1), "dm.csv, line 4");
}

// A million columns used to take over a minute (a linear search per name); the header
// is refused at ReadLimits::max_columns, and the widest accepted header reads fast.
TEST(CsvDataset, AWideHeaderIsRefusedFast) {
  const std::string wide = header(1'000'000) + "1\n";
  auto start = std::chrono::steady_clock::now();
  const Error e = read_error(wide);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(e.text(), "dm.csv:1: the header has more than 10000 variables, the most read (ReadLimits::max_columns)");

  std::string widest = header(10'000);
  for (std::size_t c = 0; c < 10'000; ++c) widest += c ? ",1" : "1";
  widest += "\n";
  start = std::chrono::steady_clock::now();
  const Expected<Dataset> d = read(widest);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->width(), 10'000u);
  EXPECT_EQ(d->rows(), 1u);

  EXPECT_TRUE(read("A,B,C\n1,2,3\n", ReadLimits{.max_columns = 3}).ok());
  EXPECT_EQ(read_error("A,B,C,D\n1,2,3,4\n", ReadLimits{.max_columns = 3}).message,
            "the header has more than 3 variables, the most read (ReadLimits::max_columns)");
}

TEST(CsvDataset, RepeatedAndEmptyNamesAreErrors) {
  Error e = read_error("A,B,a\n1,2,3\n");
  EXPECT_EQ(e.text(), "dm.csv:1: variable A appears twice in the header");
  EXPECT_EQ(e.field, "A");
  // The last of many names repeats the first: found at once.
  std::string h = header(9'999);
  h.back() = ',';
  e = read_error(h + "C0\n");
  EXPECT_EQ(e.message, "variable C0 appears twice in the header");
  e = read_error("A,,C\n1,2,3\n");
  EXPECT_EQ(e.text(), "dm.csv:1: variable 2 of the header has no name");
  e = read_error("A,  ,C\n1,2,3\n");
  EXPECT_EQ(e.message, "variable 2 of the header has no name");
  EXPECT_EQ(read_error("").message, "no header row: the file is empty");
  EXPECT_EQ(read_error("\n\r\n").message, "no header row: the file is empty");
}

TEST(CsvDataset, HeaderNamesAreTrimmed) {
  const Expected<Dataset> d = read(" usubjid , AGE\t,\" ARM \"\nS-1, 30 , x \n");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(names(*d), (std::vector<std::string>{"USUBJID", "AGE", "ARM"}));
  EXPECT_TRUE(d->find("AGE").has_value());
  EXPECT_EQ(d->text(1, 0), " 30 ");  // values are kept as written
  const Error e = read_error("AGE, age \n1,2\n");
  EXPECT_EQ(e.message, "variable AGE appears twice in the header");
}

// A binary file (an XPT renamed, UTF-16 text) is one Error, not a column error per row.
TEST(CsvDataset, ABinaryFileIsRefusedOnce) {
  Error e = read_error(std::string("A,B\n1,2\n3,\0\x01\x02\n", 14));
  EXPECT_EQ(e.text(), "dm.csv:3: not a text file: a NUL byte at line 3");
  EXPECT_EQ(e.pos.line, 3);
  // "A,B" in UTF-16LE with its byte-order mark.
  e = read_error(std::string("\xFF\xFE" "A\0,\0B\0\n\0", 10));
  EXPECT_EQ(e.message, "not a text file: a NUL byte at line 1");
  std::string xpt = "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  ";
  xpt += std::string(80, '\0');
  EXPECT_EQ(read_error(xpt).message, "not a text file: a NUL byte at line 1");
}

TEST(CsvDataset, CrlfAndAByteOrderMarkAreRead) {
  const Expected<Dataset> d = read("\xEF\xBB\xBFUSUBJID,AGE\r\nS-1,30\r\n\r\nS-2,41\r\n");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(names(*d), (std::vector<std::string>{"USUBJID", "AGE"}));
  ASSERT_EQ(d->rows(), 2u);
  EXPECT_EQ(d->text(0, 1), "S-2");
  EXPECT_EQ(d->text(1, 1), "41");  // no '\r' left on the last field
  EXPECT_EQ(d->origin(1), 4u);
  // No line end after the last row.
  const Expected<Dataset> last = read("A,B\r\n1,2");
  ASSERT_TRUE(last.ok()) << last.error();
  EXPECT_EQ(last->text(1, 0), "2");
}

TEST(CsvDataset, AQuotedLineBreakKeepsTheLinesOfLaterRows) {
  const Expected<Dataset> d = read("A,B\n\"two\nlines\",1\n\"three\r\nlines\non\",2\n3,4\n");
  ASSERT_TRUE(d.ok()) << d.error();
  ASSERT_EQ(d->rows(), 3u);
  EXPECT_EQ(d->text(0, 0), "two\nlines");
  EXPECT_EQ(d->text(0, 1), "three\r\nlines\non");
  EXPECT_EQ(d->origin(0), 2u);
  EXPECT_EQ(d->origin(1), 4u);
  EXPECT_EQ(d->origin(2), 7u);
  const Error e = read_error("A,B\n\"two\nlines\",1\n2\n");
  EXPECT_EQ(e.text(), "dm.csv:4: the row has 1 fields; the header has 2");
  EXPECT_EQ(e.field, "B");
}

TEST(CsvDataset, ABrokenQuoteNamesItsLine) {
  Error e = read_error("A,B\n1,2\n3,\"open\nmore\nand more\n");
  EXPECT_EQ(e.text(), "dm.csv:3: a quoted field that starts on this line is not closed");
  EXPECT_EQ(e.field, "B");
  // In a row whose first field spans lines: the line the quote opens on.
  e = read_error("A,B\n\"x\ny\",\"open\n");
  EXPECT_EQ(e.pos.line, 3);
  e = read_error("A,\"B\n");
  EXPECT_EQ(e.text(), "dm.csv:1: a quoted field that starts on this line is not closed");
  e = read_error("A,B\n1,2\n\"x\"y,3\n");
  EXPECT_EQ(e.text(), "dm.csv:3: text follows the closing quote of a quoted field");
  EXPECT_EQ(e.field, "A");
  e = read_error("A,B\r1,2\r");
  EXPECT_EQ(e.text(), "dm.csv:1: a carriage return without a line feed (lines must end in LF or CRLF)");
}

TEST(CsvDataset, RowsWiderOrNarrowerThanTheHeaderAreErrors) {
  Error e = read_error("A,B\n1,2,3\n");
  EXPECT_EQ(e.text(), "dm.csv:2: the row has more fields than the header's 2");
  e = read_error("A,B,C\n1,2,3\n4\n");
  EXPECT_EQ(e.text(), "dm.csv:3: the row has 1 fields; the header has 3");
  EXPECT_EQ(e.field, "B");
  e = read_error("A\n1\n2\n3\n", ReadLimits{.max_rows = 2});
  EXPECT_EQ(e.text(), "dm.csv:4: more than 2 rows");
}

Dataset one_column(VarType type) {
  Dataset d("XX", "");
  d.add_column("X", type);
  for (const char* v : {"a", "", "b", ""}) {
    d.begin_row();
    if (type == VarType::text) d.set_text(0, v);
    else d.set_number(0, *v ? 1.5 : std::numeric_limits<double>::quiet_NaN());
  }
  d.finish();
  return d;
}

// An empty value alone on its line would be a blank line, which the reader skips: the
// writer quotes it, and every row comes back.
TEST(CsvDataset, AnEmptyValueOfOneColumnRoundTrips) {
  for (const VarType type : {VarType::text, VarType::number}) {
    const Dataset d = one_column(type);
    const std::string text = write_csv_dataset(d);
    const Expected<Dataset> back = read(text);
    ASSERT_TRUE(back.ok()) << back.error();
    ASSERT_EQ(back->rows(), d.rows()) << text;
    for (std::size_t r = 0; r < d.rows(); ++r) EXPECT_EQ(back->text(0, r), d.text(0, r)) << r;
    EXPECT_TRUE(back->missing(0, 3));
  }
  EXPECT_EQ(write_csv_dataset(one_column(VarType::text)), "X\na\n\"\"\nb\n\"\"\n");
}

TEST(CsvDataset, WrittenDatasetReadsBackValueForValue) {
  Dataset d("DM", "");
  d.add_column("USUBJID", VarType::text);
  d.add_column("AGE", VarType::number);
  d.add_column("COVAL", VarType::text);
  const std::vector<std::string> text = {"line\nbreak, \"quoted\"", "", "tail\r"};
  const std::vector<double> ages = {34, std::numeric_limits<double>::quiet_NaN(), 1.0 / 3.0};
  for (std::size_t r = 0; r < text.size(); ++r) {
    d.begin_row();
    d.set_text(0, "S-" + std::to_string(r));
    d.set_number(1, ages[r]);
    d.set_text(2, text[r]);
  }
  d.begin_row();  // a row of missing values only
  d.finish();
  const Expected<Dataset> back = read(write_csv_dataset(d));
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->rows(), d.rows());
  for (std::size_t r = 0; r < d.rows(); ++r)
    for (std::size_t c = 0; c < d.width(); ++c) EXPECT_EQ(back->text(c, r), d.text(c, r)) << r << "," << c;
  EXPECT_EQ(back->number(1, 2), 1.0 / 3.0);
}

}  // namespace
}  // namespace il2t::sdtm
