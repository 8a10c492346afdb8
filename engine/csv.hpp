#pragma once
// Reading a table of numbers from a CSV file, with errors that name the file, line and column.
#include <cstddef>
#include <string>
#include <vector>

namespace descent {

struct NumericTable {
  std::vector<std::string> columns;         // from the header, or "1", "2", ... without one
  std::vector<std::vector<double>> values;  // values[column][row]
  std::size_t rows() const { return values.empty() ? 0 : values.front().size(); }
};

constexpr std::size_t kMaxCsvRows = 1'000'000;

// A header is recognised when the first non-empty line has a cell that is not a number.
// Separators: comma, semicolon or tab (whichever the first line uses). Blank lines are skipped.
// Throws std::invalid_argument: "FILE:LINE:COLUMN: what is wrong" for a missing or empty
// file, a cell that is not a finite number, a row with the wrong number of cells, or more
// than kMaxCsvRows rows.
NumericTable read_numeric_csv(const std::string& path);

}  // namespace descent
