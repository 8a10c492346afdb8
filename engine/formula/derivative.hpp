#pragma once
// Symbolic partial derivatives, for showing the gradient as formulas.
#include <string>

#include "expression.hpp"

namespace descent::formula {

enum class Wrt { x, y };

// The simplified partial derivative of `e` as text the parser reads back (see printer.hpp),
// or, when longer than `max_length`, its beginning followed by "... (too long to show in
// full)" (or only "(too long to show)" when it is too large even to build).
std::string derivative_text(const Expression& e, Wrt wrt, std::size_t max_length);

}  // namespace descent::formula
