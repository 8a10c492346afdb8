#pragma once
// The recursive-descent parser: formula text to syntax tree, with positional errors.
#include <string_view>

#include "expression.hpp"

namespace descent::formula {

// The tree exactly as written (no folding, no reordering). Throws FormulaError, and nothing
// else, for any text that is not a formula; depth and size are bounded (see formula.hpp).
Expression parse(std::string_view text);

}  // namespace descent::formula
