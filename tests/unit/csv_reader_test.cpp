// RFC 4180 reading through io::CsvReader::from_text: accepted forms and every
// refusal, with the exact line and column each problem is reported at.
#include "io/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ringfence::io {
namespace {

struct Record {
  std::vector<std::string> fields;
  std::vector<std::size_t> columns;
  std::vector<std::size_t> lines;
  std::size_t line = 0;
};

struct ReadAll {
  bool header_ok = false;
  std::vector<std::string> header;
  std::vector<Record> rows;
  Diagnostics diag;
};

// Reads the header and every data row; fields are copied out of the reader's buffer.
ReadAll read_all(std::string text) {
  ReadAll r;
  CsvReader csv = CsvReader::from_text(std::move(text), "t.csv");
  r.header_ok = csv.read_header(r.diag);
  r.header = csv.header();
  if (!r.header_ok) return r;
  CsvRow row;
  while (csv.next(row, r.diag)) {
    Record rec;
    for (auto f : row.fields) rec.fields.emplace_back(f);
    rec.columns = row.columns;
    rec.lines = row.lines;
    rec.line = row.line;
    r.rows.push_back(std::move(rec));
  }
  return r;
}

using Strings = std::vector<std::string>;
using Sizes = std::vector<std::size_t>;

void expect_error(const Diagnostic& d, std::size_t line, std::size_t column,
                  const std::string& message) {
  EXPECT_EQ(d.file, "t.csv");
  EXPECT_EQ(d.line, line);
  EXPECT_EQ(d.column, column);
  EXPECT_EQ(d.message, message);
}

TEST(CsvReader, ReadsPlainRowsWithLinesAndColumns) {
  auto r = read_all("site_id,operator,lat\nS1,KT,37.5\nS22,LG U+,-1\n");
  ASSERT_TRUE(r.header_ok);
  EXPECT_EQ(r.header, (Strings{"site_id", "operator", "lat"}));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"S1", "KT", "37.5"}));
  EXPECT_EQ(r.rows[0].line, 2u);
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 4, 7}));
  EXPECT_EQ(r.rows[0].lines, (Sizes{2, 2, 2}));
  EXPECT_EQ(r.rows[1].fields, (Strings{"S22", "LG U+", "-1"}));
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_EQ(r.rows[1].columns, (Sizes{1, 5, 11}));
  EXPECT_TRUE(r.diag.errors().empty());
  EXPECT_TRUE(r.diag.warnings().empty());
}

TEST(CsvReader, QuotedFieldKeepsEmbeddedCommas) {
  auto r = read_all("vendor,country\n\"HUAWEI TECHNOLOGIES CO., LTD.\",CN\n");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"HUAWEI TECHNOLOGIES CO., LTD.", "CN"}));
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 33}));
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, DoubledQuotesBecomeOneQuote) {
  auto r = read_all("a,b\n\"say \"\"hi\"\"\",x\n\"\"\"\",\"\"\n");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"say \"hi\"", "x"}));
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 14}));
  // A field that is only an escaped quote, and an empty quoted field.
  EXPECT_EQ(r.rows[1].fields, (Strings{"\"", ""}));
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, QuotedFieldKeepsSurroundingSpacesUnquotedIsTrimmed) {
  auto r = read_all("a,b,c\n\" padded \",  trimmed\t , x\n");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{" padded ", "trimmed", "x"}));
}

TEST(CsvReader, EmbeddedLineFeedMovesTheNextFieldToTheNextLine) {
  auto r = read_all("id,note,next\n1,\"line one\nline two\",after\n2,x,y\n");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"1", "line one\nline two", "after"}));
  EXPECT_EQ(r.rows[0].line, 2u);
  EXPECT_EQ(r.rows[0].lines, (Sizes{2, 2, 3}));
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 3, 11}));
  // The record after it starts on line 4, not 3.
  EXPECT_EQ(r.rows[1].line, 4u);
  EXPECT_EQ(r.rows[1].fields, (Strings{"2", "x", "y"}));
  EXPECT_EQ(r.rows[1].lines, (Sizes{4, 4, 4}));
}

TEST(CsvReader, EmbeddedCrlfIsKeptInsideQuotes) {
  auto r = read_all("id,note,next\r\n1,\"a\r\nb\r\nc\",d\r\n2,x,y\r\n");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"1", "a\r\nb\r\nc", "d"}));
  EXPECT_EQ(r.rows[0].lines, (Sizes{2, 2, 4}));
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 3, 4}));
  EXPECT_EQ(r.rows[1].line, 5u);
  EXPECT_EQ(r.rows[1].fields, (Strings{"2", "x", "y"}));
}

TEST(CsvReader, CrlfLineEndsAreNotPartOfTheLastField) {
  auto r = read_all("a,b\r\n1,2\r\n3,\r\n");
  ASSERT_EQ(r.header, (Strings{"a", "b"}));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"1", "2"}));
  EXPECT_EQ(r.rows[1].fields, (Strings{"3", ""}));
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, ByteOrderMarkIsSkipped) {
  auto r = read_all("\xEF\xBB\xBFsite_id,lat\nS1,1\n");
  ASSERT_TRUE(r.header_ok);
  EXPECT_EQ(r.header, (Strings{"site_id", "lat"}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"S1", "1"}));
  EXPECT_EQ(r.rows[0].line, 2u);
}

TEST(CsvReader, EmptyFieldsAreEmptyStrings) {
  auto r = read_all("a,b,c\n1,,\n,,\n,\"\",3\n");
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"1", "", ""}));
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 3, 4}));
  EXPECT_EQ(r.rows[1].fields, (Strings{"", "", ""}));
  EXPECT_EQ(r.rows[2].fields, (Strings{"", "", "3"}));
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  auto r = read_all("a,b\n\n1,2\n\r\n3,4\n\n\n\r\n");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].line, 3u);
  EXPECT_EQ(r.rows[1].line, 5u);
  EXPECT_EQ(r.rows[1].fields, (Strings{"3", "4"}));
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, LastRecordWithoutLineEnd) {
  auto r = read_all("a,b\n1,\"two\"");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"1", "two"}));
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, HeaderOnlyHasNoRows) {
  auto r = read_all("a,b\n");
  EXPECT_TRUE(r.header_ok);
  EXPECT_TRUE(r.rows.empty());
  EXPECT_FALSE(r.diag.has_errors());
}

TEST(CsvReader, ColumnsAreFoundByNameInAnyOrder) {
  auto csv = CsvReader::from_text("lon,notes,site_id,lat\n", "t.csv");
  Diagnostics diag;
  ASSERT_TRUE(csv.read_header(diag));
  EXPECT_EQ(csv.column("lon"), std::optional<std::size_t>(0));
  EXPECT_EQ(csv.column("site_id"), std::optional<std::size_t>(2));
  EXPECT_EQ(csv.column("lat"), std::optional<std::size_t>(3));
  EXPECT_EQ(csv.column("operator"), std::nullopt);
  EXPECT_TRUE(csv.require_columns({"site_id", "lat", "lon"}, diag));
  EXPECT_FALSE(diag.has_errors());
  EXPECT_FALSE(csv.require_columns({"site_id", "operator", "kind"}, diag));
  ASSERT_EQ(diag.errors().size(), 2u);
  expect_error(diag.errors()[0], 1, 1, "missing required column 'operator'");
  expect_error(diag.errors()[1], 1, 1, "missing required column 'kind'");
}

TEST(CsvReader, NameAndSizeAreReported) {
  auto csv = CsvReader::from_text("a\n1\n", "dir/sites.csv");
  EXPECT_EQ(csv.name(), "dir/sites.csv");
  EXPECT_EQ(csv.size_bytes(), 4u);
}

TEST(CsvReader, UnterminatedQuoteIsReportedAtTheOpeningQuote) {
  auto r = read_all("a,b\n1,2\n3,\"never closed\nmore text\nand more\n");
  ASSERT_TRUE(r.header_ok);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"1", "2"}));
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 3, 3, "quoted field is never closed (expected a closing '\"')");
}

TEST(CsvReader, UnterminatedQuoteInTheHeader) {
  auto r = read_all("a,\"b\n1,2\n");
  EXPECT_FALSE(r.header_ok);
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 1, 3, "quoted field is never closed (expected a closing '\"')");
}

TEST(CsvReader, TextAfterClosingQuoteIsReportedAndTheRowSkipped) {
  auto r = read_all("a,b\n\"x\"y,2\n3,4\n");
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 2, 4,
               "text after a closing quote (expected ',' or end of line)");
  // Reading resumes at the next line.
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"3", "4"}));
  EXPECT_EQ(r.rows[0].line, 3u);
}

TEST(CsvReader, TextAfterClosingQuoteOfAMultiLineField) {
  auto r = read_all("a,b\n1,\"x\ny\" z\n5,6\n");
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 3, 3,
               "text after a closing quote (expected ',' or end of line)");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"5", "6"}));
  EXPECT_EQ(r.rows[0].line, 4u);
}

TEST(CsvReader, QuoteInsideUnquotedField) {
  auto r = read_all("a,b\n1,ab\"c\n5,6\n");
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 2, 5,
               "quote inside an unquoted field (expected the whole field in quotes)");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"5", "6"}));
}

TEST(CsvReader, TooManyFieldsPointsAtTheFirstExtraField) {
  auto r = read_all("a,b\n1,2,3\n4,5\n");
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 2, 5, "row has 3 fields (expected 2, as in the header)");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"4", "5"}));
}

TEST(CsvReader, TooFewFields) {
  auto r = read_all("a,b,c\n1,2\n4,5,6\n7\n");
  ASSERT_EQ(r.diag.errors().size(), 2u);
  expect_error(r.diag.errors()[0], 2, 1, "row has 2 fields (expected 3, as in the header)");
  expect_error(r.diag.errors()[1], 4, 1, "row has 1 fields (expected 3, as in the header)");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].line, 3u);
}

TEST(CsvReader, TrailingCommaIsAnExtraField) {
  auto r = read_all("a,b\n1,2,\n");
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 2, 5, "row has 3 fields (expected 2, as in the header)");
  EXPECT_TRUE(r.rows.empty());
}

TEST(CsvReader, BareCarriageReturnInsideARecord) {
  auto r = read_all("a,b\n1\r2,3\n4,5\n");
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 2, 2,
               "carriage return inside a record (expected CRLF or LF line ends)");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"4", "5"}));
  EXPECT_EQ(r.rows[0].line, 3u);
}

TEST(CsvReader, EveryBadRowIsReported) {
  auto r = read_all("a,b\n\"x\"y,1\nok,1\np\"q,2\nok,2\n1,2,3\n\"open,3\n");
  ASSERT_EQ(r.diag.errors().size(), 4u);
  EXPECT_EQ(r.diag.errors()[0].line, 2u);
  EXPECT_EQ(r.diag.errors()[1].line, 4u);
  EXPECT_EQ(r.diag.errors()[2].line, 6u);
  expect_error(r.diag.errors()[3], 7, 1, "quoted field is never closed (expected a closing '\"')");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].line, 3u);
  EXPECT_EQ(r.rows[1].line, 5u);
}

TEST(CsvReader, StopsCollectingAtTheErrorLimit) {
  std::string text = "a,b\n";
  for (int i = 0; i < 150; ++i) text += "1,2,3\n";
  auto r = read_all(text);
  EXPECT_TRUE(r.diag.has_errors());
  EXPECT_TRUE(r.diag.full());
  EXPECT_EQ(r.diag.errors().size(), Diagnostics::kMaxErrors);
  EXPECT_EQ(r.diag.errors().back().line, Diagnostics::kMaxErrors + 1);
  EXPECT_TRUE(r.rows.empty());
}

TEST(CsvReader, InvalidUtf8IsRefusedWithItsExactPosition) {
  try {
    CsvReader::from_text("id,name\n1,Caf\xC3\xA9\n2,ab\xFF\x63\n", "t.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().errors().size(), 1u);
    expect_error(e.diagnostics().errors()[0], 3, 5,
                 "invalid UTF-8 byte sequence (expected UTF-8 text)");
    EXPECT_STREQ(e.what(), "t.csv:3:5: invalid UTF-8 byte sequence (expected UTF-8 text)");
  }
}

TEST(CsvReader, InvalidUtf8Variants) {
  struct Case {
    std::string text;
    std::size_t line, column;
  };
  const std::vector<Case> cases = {
      {"a\n\xC3", 2, 1},                // truncated two-byte sequence at the end
      {"a,b\nx,\xC0\xAF\n", 2, 3},      // overlong encoding of '/'
      {"a\n\xED\xA0\x80\n", 2, 1},      // UTF-16 surrogate
      {"ab\xE2\x82\n", 1, 3},           // three-byte sequence cut short
      {"a\n\xF4\x90\x80\x80\n", 2, 1},  // above U+10FFFF
      {"a,b\n1,\x80\n", 2, 3},          // stray continuation byte
  };
  for (const auto& c : cases) {
    try {
      CsvReader::from_text(c.text, "t.csv");
      ADD_FAILURE() << "accepted invalid UTF-8 in case at " << c.line << ":" << c.column;
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().errors().size(), 1u);
      EXPECT_EQ(e.diagnostics().errors()[0].line, c.line);
      EXPECT_EQ(e.diagnostics().errors()[0].column, c.column);
    }
  }
}

TEST(CsvReader, ValidMultiByteUtf8IsAccepted) {
  auto r = read_all("name,emoji\n\xEC\x84\x9C\xEC\x9A\xB8,\xF0\x9F\x93\xA1\n");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].fields, (Strings{"\xEC\x84\x9C\xEC\x9A\xB8", "\xF0\x9F\x93\xA1"}));
  EXPECT_EQ(r.rows[0].columns, (Sizes{1, 8}));
}

TEST(CsvReader, EmptyFileHasNoHeader) {
  for (const std::string text : {"", "\n\n", "\r\n", "\xEF\xBB\xBF"}) {
    auto r = read_all(text);
    EXPECT_FALSE(r.header_ok);
    ASSERT_EQ(r.diag.errors().size(), 1u);
    expect_error(r.diag.errors()[0], 1, 1, "empty file (expected a header line)");
  }
}

TEST(CsvReader, DuplicateHeaderColumn) {
  auto r = read_all("site_id,lat,site_id\nS1,1,S1\n");
  EXPECT_FALSE(r.header_ok);
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 1, 13,
               "column 'site_id' appears twice in the header (expected unique names)");
}

TEST(CsvReader, DuplicateHeaderColumnAfterQuotingAndTrimming) {
  auto r = read_all("lat,\"lon\", lon \n");
  EXPECT_FALSE(r.header_ok);
  ASSERT_EQ(r.diag.errors().size(), 1u);
  expect_error(r.diag.errors()[0], 1, 11,
               "column 'lon' appears twice in the header (expected unique names)");
}

}  // namespace
}  // namespace ringfence::io
