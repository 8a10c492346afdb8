// CSV datasets: what reads, and the exact message for each kind of bad file.
#include <cstdio>
#include <fstream>

#include <catch2/catch.hpp>

#include "csv.hpp"
#include "dataset.hpp"
#include "text.hpp"

using namespace descent;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = std::string(DESCENT_BINARY_DIR) + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("csv: reads headers, separators, line endings and blank lines", "[csv]") {
  auto table = read_numeric_csv(write_temp("ok1.csv", "\"x\",\"y\"\r\n1,2\r\n\r\n-3.5,4e2\r\n"));
  CHECK(table.columns == std::vector<std::string>{"x", "y"});
  CHECK(table.values == std::vector<std::vector<double>>{{1, -3.5}, {2, 400}});
  auto bare = read_numeric_csv(write_temp("ok2.csv", "1;2;3\n4;5;6\n"));
  CHECK(bare.columns == std::vector<std::string>{"1", "2", "3"});
  CHECK(bare.rows() == 2);
  auto tabs = read_numeric_csv(write_temp("ok3.csv", "a\tb\n 1 \t +2\n"));
  CHECK(tabs.values[1][0] == 2);
}

TEST_CASE("csv: dataset columns are found by name, by number, or taken in order", "[csv]") {
  Dataset d = load_dataset_csv(write_temp("named.csv", "id,y,x\n1,10,100\n2,20,200\n"));
  CHECK(d.features[0][0] == 100);
  CHECK(d.target[1] == 20);
  CHECK(d.feature_names == std::vector<std::string>{"x"});
  Dataset unnamed = load_dataset_csv(write_temp("unnamed.csv", "5,6\n7,8\n"));
  CHECK(unnamed.features[0][1] == 7);
  CHECK(unnamed.target_name == "2");
  Dataset chosen =
      load_dataset_csv(write_temp("chosen.csv", "a,b,c\n1,2,3\n4,5,6\n"), 2, {{"c", "1"}, "b"});
  CHECK(chosen.feature_names == std::vector<std::string>{"c", "a"});
  CHECK(chosen.features[1][1] == 4);
  CHECK(chosen.target[0] == 2);
  Dataset plane = load_dataset_csv(write_temp("plane.csv", "y,x2,x1\n1,2,3\n"), 2);
  CHECK(plane.features[0][0] == 3);  // x1 by name
}

TEST_CASE("csv: bad files get one message naming file, line and column", "[csv]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "empty.csv: the file has no data rows"},
      {"x,y\n", "empty.csv: the file has no data rows"},
      {"x,y\n1,2\n3,abc\n", "empty.csv:3:2: column 'y': 'abc' is not a number"},
      {"x,y\n1,2\n3,\n", "empty.csv:3:2: column 'y': the cell is empty"},
      {"x,y\n1,nan\n", "empty.csv:2:2: column 'y': nan is not a finite number"},
      {"x,y\ninf,1\n", "empty.csv:2:1: column 'x': inf is not a finite number"},
      {"x,y\n1,2\n3,4,5\n", "empty.csv:3: the row has 3 cells, expected 2 (as in the first row)"},
      {"x,y\n1,2\n3\n", "empty.csv:3: the row has 1 cell, expected 2 (as in the first row)"},
  };
  for (const auto& [content, message] : cases) {
    INFO(content);
    std::string path = write_temp("empty.csv", content);
    CHECK_THROWS_WITH(read_numeric_csv(path), std::string(DESCENT_BINARY_DIR) + "/" + message);
  }
  CHECK_THROWS_WITH(read_numeric_csv("/no/such/file.csv"),
                    "/no/such/file.csv: cannot open the file (does it exist?)");
  std::string one_column = write_temp("one.csv", "x\n1\n2\n");
  CHECK_THROWS_WITH(load_dataset_csv(one_column), one_column + ": needs 2 columns (x,y) but has 1");
  std::string two = write_temp("two.csv", "a,b\n1,2\n");
  CHECK_THROWS_WITH(load_dataset_csv(two, 2), two + ": needs 3 columns (x1,x2,y) but has 2");
  CHECK_THROWS_WITH(load_dataset_csv(two, 1, {{"z"}, "b"}),
                    two + ": no column 'z'; the columns are a, b (or give a number from 1 to 2)");
  CHECK_THROWS_WITH(load_dataset_csv(two, 1, {{"3"}, "b"}),
                    two + ": no column '3'; the columns are a, b (or give a number from 1 to 2)");
  CHECK_THROWS_WITH(load_dataset_csv(two, 1, {{}, "b"}),
                    two + ": choose 1 feature column and a target column");
}

TEST_CASE("csv: a byte order mark is skipped, not taken for a header", "[csv]") {
  auto bare = read_numeric_csv(write_temp("bom1.csv",
                                          "\xEF\xBB\xBF"
                                          "1,2\n3,4\n"));
  CHECK(bare.columns == std::vector<std::string>{"1", "2"});
  CHECK(bare.values == std::vector<std::vector<double>>{{1, 3}, {2, 4}});
  CHECK(bare.warning.empty());
  auto named = read_numeric_csv(write_temp("bom2.csv",
                                           "\xEF\xBB\xBF"
                                           "x,y\n1,2\n"));
  CHECK(named.columns == std::vector<std::string>{"x", "y"});
  CHECK(named.rows() == 1);
}

TEST_CASE("csv: a header is told by its cells, and said so when some are numbers", "[csv]") {
  // 1e400 is a number no double holds: an error at its place, not a column name.
  std::string huge = write_temp("huge.csv", "1e400,2\n3,4\n");
  CHECK_THROWS_WITH(read_numeric_csv(huge),
                    huge +
                        ":1:1: column '1': '1e400' is too large for a double (at most about "
                        "1.8e308)");
  std::string later = write_temp("later.csv", "x,y\n1,-1e999\n");
  CHECK_THROWS_WITH(read_numeric_csv(later),
                    later +
                        ":2:2: column 'y': '-1e999' is too large for a double (at most about "
                        "1.8e308)");
  CHECK(read_numeric_csv(write_temp("tiny.csv", "1e-400,2\n")).values[0][0] == 0);
  // Some numbers and some words: a header, and a warning saying so.
  std::string mixed = write_temp("mixed.csv", "1,y,3\n4,5,6\n");
  auto table = read_numeric_csv(mixed);
  CHECK(table.columns == std::vector<std::string>{"1", "y", "3"});
  CHECK(table.rows() == 1);
  CHECK(table.warning == mixed +
                             ":1: the first row is read as column names, since 'y' is not a "
                             "number; if it is data, correct that cell");
  CHECK(load_dataset_csv(mixed, 2).warning == table.warning);
  CHECK(read_numeric_csv(write_temp("words.csv", "x,y\n1,2\n")).warning.empty());
}

TEST_CASE("csv: line length and column count are capped, long column lists are cut", "[csv]") {
  std::string long_line = write_temp("long.csv", "x,y\n" + std::string(kMaxCsvLineBytes + 1, '1'));
  CHECK_THROWS_WITH(read_numeric_csv(long_line),
                    long_line + ":2: the line is longer than 1048576 bytes; is this a CSV file?");
  std::string row;
  for (std::size_t i = 0; i <= kMaxCsvColumns; ++i) row += i ? ",1" : "1";
  std::string wide = write_temp("wide.csv", row + "\n");
  CHECK_THROWS_WITH(read_numeric_csv(wide),
                    wide + ":1: more than 10000 cells; Descent reads at most 10000 columns");
  std::string header, values;
  for (int i = 0; i < 5000; ++i) {
    header += cat(i ? ",c" : "c", i);
    values += i ? ",1" : "1";
  }
  std::string many = write_temp("many.csv", header + "\n" + values + "\n");
  try {
    load_dataset_csv(many, 1, {{"z"}, "c1"});
    FAIL("no error");
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("the columns are c0, c1, c2, ") &&
                            Catch::Contains("c11 and 4988 more (or give a number from 1 to 5000)"));
    CHECK(message.size() < 300);
  }
}
