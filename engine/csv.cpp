#include "csv.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "text.hpp"

namespace descent {
namespace {

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> cells;
  for (;;) {
    auto at = line.find(separator);
    cells.push_back(strip(line.substr(0, at)));
    if (at == std::string_view::npos) return cells;
    line.remove_prefix(at + 1);
  }
}

char detect_separator(std::string_view line) {
  for (char c : {',', ';', '\t'})
    if (line.find(c) != std::string_view::npos) return c;
  return ',';
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
  while (std::getline(in, line)) {
    ++line_number;
    if (strip(line).empty()) continue;
    if (first) separator = detect_separator(line);
    auto cells = split(line, separator);
    if (first) {
      first = false;
      bool header = false;
      for (auto cell : cells) {
        double ignored;
        header = header || !parse_number(cell, ignored);
      }
      for (std::size_t c = 0; c < cells.size(); ++c)
        table.columns.push_back(header ? std::string(cells[c]) : std::to_string(c + 1));
      table.values.resize(cells.size());
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
      double value;
      std::string where =
          cat(path, ":", line_number, ":", c + 1, ": column '", table.columns[c], "': ");
      if (!parse_number(cells[c], value))
        throw std::invalid_argument(where + (cells[c].empty()
                                                 ? std::string("the cell is empty")
                                                 : cat("'", cells[c], "' is not a number")));
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
