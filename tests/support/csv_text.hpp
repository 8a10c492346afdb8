#pragma once
// Reading the CSV text `descent` writes, in tests: its lines, and a line's cells.
#include <string>
#include <vector>

namespace descent::test {

std::vector<std::string> lines(const std::string& text);
// Split at commas; a trailing comma gives a last empty cell.
std::vector<std::string> cells(const std::string& line);

}  // namespace descent::test
