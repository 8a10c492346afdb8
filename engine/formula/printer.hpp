#pragma once
// Prints an expression in the syntax the parser reads, with the fewest parentheses that keep
// its meaning: -2*(1 - x) - 400*x*(y - x^2).
#include <cstddef>
#include <string>

#include "expression.hpp"

namespace descent::formula {

struct Printed {
  std::string text;
  bool complete = true;  // false: `text` is the first max_length characters or fewer
};

// The text of the subtree at `root`, stopped at `max_length` characters (a shared subtree
// may print exponentially long).
Printed print(const Expression& e, NodeId root, std::size_t max_length);

}  // namespace descent::formula
