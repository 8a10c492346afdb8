#include "csv.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "text.hpp"

namespace descent {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// At most kMaxCsvColumns + 1 cells: one more tells that there are too many.
std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> cells;
  for (;;) {
    auto at = line.find(separator);
    cells.push_back(strip(line.substr(0, at)));
    if (at == std::string_view::npos || cells.size() > kMaxCsvColumns) return cells;
    line.remove_prefix(at + 1);
  }
}

char detect_separator(std::string_view line) {
  for (char c : {',', ';', '\t'})
    if (line.find(c) != std::string_view::npos) return c;
  return ',';
}

// A line of at most kMaxCsvLineBytes; false at the end of the file. Reading stops at the cap,
// so a file without line breaks (or /dev/zero) cannot take all memory.
bool read_line(std::istream& in, std::string& line, const std::string& path,
               std::size_t line_number) {
  line.clear();
  for (std::streambuf* buffer = in.rdbuf();;) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') return true;
    if (line.size() == kMaxCsvLineBytes)
      throw std::invalid_argument(cat(path, ":", line_number, ": the line is longer than ",
                                      kMaxCsvLineBytes, " bytes; is this a CSV file?"));
    line.push_back(static_cast<char>(c));
  }
}

// 'cell', cut to 40 characters: a cell can be a megabyte long.
std::string quoted(std::string_view cell) {
  std::string out = "'";
  out.append(cell.substr(0, cell.size() > 40 ? 37 : cell.size()));
  out.append(cell.size() > 40 ? "...'" : "'");
  return out;
}

}  // namespace

NumericTable read_numeric_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(cat(path, ": cannot open the file (does it exist?)"));
  NumericTable table;
  std::string line;
  std::size_t line_number = 0;
  char separator = ',';
  bool first = true;
  while (read_line(in, line, path, line_number + 1)) {
    ++line_number;
    if (line_number == 1 && line.starts_with(kByteOrderMark)) line.erase(0, kByteOrderMark.size());
    if (strip(line).empty()) continue;
    if (first) separator = detect_separator(line);
    auto cells = split(line, separator);
    if (cells.size() > kMaxCsvColumns)
      throw std::invalid_argument(cat(path, ":", line_number, ": more than ", kMaxCsvColumns,
                                      " cells; Descent reads at most ", kMaxCsvColumns,
                                      " columns"));
    if (first) {
      first = false;
      std::vector<std::string> numbers, words;
      for (auto cell : cells) {
        double ignored;
        (classify_number(cell, ignored) == NumberText::not_a_number ? words : numbers)
            .push_back(quoted(cell));
      }
      const bool header = !words.empty();
      for (std::size_t c = 0; c < cells.size(); ++c)
        table.columns.push_back(header ? std::string(cells[c]) : std::to_string(c + 1));
      table.values.resize(cells.size());
      if (header && !numbers.empty())
        table.warning = cat(path, ":", line_number, ": the first row is read as column names, ",
                            "since ", join_some(words, 3), words.size() == 1 ? " is" : " are",
                            " not a number; if it is data, correct ",
                            words.size() == 1 ? "that cell" : "those cells");
      if (header) continue;
    }
    if (cells.size() != table.columns.size())
      throw std::invalid_argument(cat(path, ":", line_number, ": the row has ", cells.size(),
                                      cells.size() == 1 ? " cell" : " cells", ", expected ",
                                      table.columns.size(), " (as in the first row)"));
    if (table.rows() == kMaxCsvRows)
      throw std::invalid_argument(cat(path, ":", line_number, ": more than ", kMaxCsvRows,
                                      " rows; Descent reads at most ", kMaxCsvRows));
    for (std::size_t c = 0; c < cells.size(); ++c) {
      double value = 0;
      std::string where =
          cat(path, ":", line_number, ":", c + 1, ": column ", quoted(table.columns[c]), ": ");
      if (cells[c].empty()) throw std::invalid_argument(where + "the cell is empty");
      if (auto problem = number_problem(cells[c], value); !problem.empty())
        throw std::invalid_argument(where + problem);
      if (!std::isfinite(value))
        throw std::invalid_argument(where + cat(value, " is not a finite number"));
      table.values[c].push_back(value);
    }
  }
  if (in.bad()) throw std::invalid_argument(cat(path, ": read error"));
  if (table.rows() == 0) throw std::invalid_argument(cat(path, ": the file has no data rows"));
  return table;
}

}  // namespace descent
