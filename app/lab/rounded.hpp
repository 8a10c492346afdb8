#pragma once
// Numbers as people read them in labels and tables: "0.0217", not "0.021699443243262378".
#include <string>

namespace descent {

// `digits` significant digits; whole numbers below a million in full ("1000", not "1e+03");
// exponents short ("1e-5", not "1e-05").
std::string rounded(double value, int digits = 3);

}  // namespace descent
