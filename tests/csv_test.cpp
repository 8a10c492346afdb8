// CSV datasets: what reads, and the exact message for each kind of bad file.
#include <cstdio>
#include <fstream>

#include <catch2/catch.hpp>

#include "csv.hpp"
#include "dataset.hpp"

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

TEST_CASE("csv: dataset columns x and y are found by name", "[csv]") {
  Dataset d = load_dataset_csv(write_temp("named.csv", "id,y,x\n1,10,100\n2,20,200\n"));
  CHECK(d.x[0] == 100);
  CHECK(d.y[1] == 20);
  Dataset unnamed = load_dataset_csv(write_temp("unnamed.csv", "5,6\n7,8\n"));
  CHECK(unnamed.x[1] == 7);
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
  CHECK_THROWS_WITH(load_dataset_csv(one_column), one_column + ": needs two columns x,y but has 1");
}
