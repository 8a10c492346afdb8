#pragma once
// Reading a table of numbers from a CSV file, with errors that name the file, line and column.
#include <cstddef>
#include <string>
#include <vector>

namespace descent {

struct NumericTable {
  std::vector<std::string> columns;         // from the header, or "1", "2", ... without one
  std::vector<std::vector<double>> values;  // values[column][row]
  // What the reader decided that a user might not expect (the first row taken as a header
  // although some of its cells are numbers), for the caller to show; "" when it was clear.
  std::string warning;
  std::size_t rows() const { return values.empty() ? 0 : values.front().size(); }
};

constexpr std::size_t kMaxCsvRows = 1'000'000;
constexpr std::size_t kMaxCsvColumns = 10'000;
constexpr std::size_t kMaxCsvLineBytes = 1 << 20;

// The first non-empty line is a header when one of its cells is not a number (a number too
// large for a double, such as 1e400, is a number: an error, not a header); `warning` says so
// when some of its cells are numbers. A UTF-8 byte order mark is skipped. Separators: comma,
// semicolon or tab (whichever the first line uses). Blank lines are skipped.
// Throws std::invalid_argument: "FILE:LINE:COLUMN: what is wrong" for a missing or empty
// file, a cell that is not a finite number, a row with the wrong number of cells, more than
// kMaxCsvRows rows, kMaxCsvColumns columns or a line longer than kMaxCsvLineBytes.
NumericTable read_numeric_csv(const std::string& path);

}  // namespace descent
