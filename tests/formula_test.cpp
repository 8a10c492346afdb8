// Typed formulas: syntax, exact error messages, evaluation against independent values, finite
// differences and the built-in surfaces (bit for bit, and along whole runs), printed
// derivatives, minima, the function registry, and a deterministic fuzz of the parser.
#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "formula.hpp"
#include "optimizer.hpp"
#include "rng.hpp"
#include "run.hpp"
#include "support/finite_difference.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kE = std::numbers::e;

// [SECTION] helpers
// A Formula seen as an Objective, for the finite-difference helpers (no minima search).
class Plain final : public Objective {
 public:
  explicit Plain(Formula f) : m_f(std::move(f)) {}
  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override { return m_f.value(p); }
  ValueGradient value_gradient(const Vec2& p) const override { return m_f.value_gradient(p); }
  std::optional<Mat2> hessian(const Vec2& p) const override { return m_f.hessian(p); }

 private:
  Formula m_f;
  ObjectiveInfo m_info;
};

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool close(double a, double b, double relative) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) <= relative * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

// Points spread over a box, off its symmetry lines.
std::vector<Vec2> sample_points(const Box& box, int n = 9) {
  std::vector<Vec2> points;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      points.emplace_back(box.x_min + (box.x_max - box.x_min) * (i + 0.3183) / n,
                          box.y_min + (box.y_max - box.y_min) * (j + 0.2718) / n);
  return points;
}

// Every built-in surface written as a formula, the way its C++ is written (explicit *,
// grouping where the C++ groups), so that the tape performs the same operations.
const std::map<std::string, std::string>& surface_formulas() {
  static const std::map<std::string, std::string> formulas{
      {"rosenbrock", "(1-x)^2 + 100(y-x^2)^2"},
      {"beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"},
      {"himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"},
      {"booth", "(x + 2y - 7)^2 + (2x + y - 5)^2"},
      {"matyas", "0.26(x^2 + y^2) - 0.48(x*y)"},
      {"three_hump_camel", "2x^2 - 1.05x^4 + x^6/6 + x*y + y^2"},
      {"six_hump_camel", "(4 - 2.1x^2 + x^4/3)x^2 + x*y + (-4 + 4y^2)y^2"},
      {"rastrigin", "20 + x² − 10cos(2πx) + y² − 10cos(2πy)"},
      {"ackley", "-20exp(-0.2·sqrt(0.5(x^2 + y^2))) - exp(0.5(cos(2pi x) + cos(2pi y))) + e + 20"},
      {"goldstein_price",
       "(1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6(x*y) + 3y^2))"
       " * (30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36(x*y) + 27y^2))"},
      {"styblinski_tang", "0.5((x^4 - 16x^2 + 5x) + (y^4 - 16y^2 + 5y))"},
      {"saddle", "x^2 - y^2"},
      {"monkey_saddle", "x^3 - 3(x*y^2)"},
      {"ill_conditioned", "0.5(x^2 + 25y^2)"},
      {"sphere", "x^2 + y^2"},
      {"levi_n13", "sin(3πx)^2 + (x-1)^2 (1 + sin(3πy)^2) + (y-1)^2 (1 + sin(2πy)^2)"},
      {"mccormick", "sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1"},
      {"bukin_n6", "100sqrt(abs(y - 0.01x^2)) + 0.01abs(x + 10)"},
  };
  return formulas;
}

}  // namespace

// [SECTION] syntax
TEST_CASE("formula: good inputs evaluate as written", "[formula]") {
  using F = std::function<double(double, double)>;
  struct Case {
    const char* text;
    F expected;
  };
  const double l1 = std::log(1.7);
  const std::vector<Case> cases{
      // precedence and associativity
      {"1 + 2*3", [](double, double) { return 7.0; }},
      {"x - y - 1", [](double x, double y) { return x - y - 1; }},
      {"x/y/2", [](double x, double y) { return x / y / 2; }},
      {"2^3^2", [](double, double) { return 512.0; }},
      {"2**3**2", [](double, double) { return 512.0; }},
      {"-2^2", [](double, double) { return -4.0; }},
      {"2^-1", [](double, double) { return 0.5; }},
      {"2^-x^2", [](double x, double) { return std::pow(2, -(x * x)); }},
      {"-x^2", [](double x, double) { return -(x * x); }},
      {"-x*y", [](double x, double y) { return -x * y; }},
      {"--x", [](double x, double) { return x; }},
      {"+x - -y", [](double x, double y) { return x + y; }},
      {"-(-(x))", [](double x, double) { return x; }},
      {"(x + y)*(x - y)", [](double x, double y) { return (x + y) * (x - y); }},
      // implicit products
      {"2x", [](double x, double) { return 2 * x; }},
      {"2x^2", [](double x, double) { return 2 * (x * x); }},
      {"2pi", [](double, double) { return 2 * kPi; }},
      {"3sin(x)", [](double x, double) { return 3 * std::sin(x); }},
      {"100(y-x^2)", [](double x, double y) { return 100 * (y - x * x); }},
      {"(x+1)(x-1)", [](double x, double) { return (x + 1) * (x - 1); }},
      {"(x)y", [](double x, double y) { return x * y; }},
      {"(x)2", [](double x, double) { return x * 2; }},
      {"x(y+1)", [](double x, double y) { return x * (y + 1); }},
      {"sin(x)cos(y)", [](double x, double y) { return std::sin(x) * std::cos(y); }},
      {"2πx", [](double x, double) { return 2 * kPi * x; }},
      {"pi x", [](double x, double) { return kPi * x; }},
      {"e(x)", [](double x, double) { return kE * x; }},
      {"2(3)", [](double, double) { return 6.0; }},
      {"3 x", [](double x, double) { return 3 * x; }},
      {"2/3x", [](double x, double) { return 2.0 / 3 * x; }},
      // numbers
      {".5x", [](double x, double) { return 0.5 * x; }},
      {"2.x", [](double x, double) { return 2 * x; }},
      {"1e-3x", [](double x, double) { return 1e-3 * x; }},
      {"1E+5", [](double, double) { return 1e5; }},
      {"2e3x", [](double x, double) { return 2000 * x; }},
      {"2e", [](double, double) { return 2 * kE; }},
      {"2e-x", [](double x, double) { return 2 * kE - x; }},
      {"0.1 + 0.2", [](double, double) { return 0.1 + 0.2; }},
      {"1e-400", [](double, double) { return 0.0; }},
      // pasted symbols
      {"x²y³", [](double x, double y) { return x * x * (y * y * y); }},
      {"-x²", [](double x, double) { return -(x * x); }},
      {"x·y × 2", [](double x, double y) { return x * y * 2; }},
      {"x ⋅ y", [](double x, double y) { return x * y; }},
      {"x − y", [](double x, double y) { return x - y; }},
      {"π", [](double, double) { return kPi; }},
      {"x ÷ 4", [](double x, double) { return x / 4; }},
      // whitespace anywhere between tokens
      {"\t x \n+\r y\u00a0", [](double x, double y) { return x + y; }},
      {"sin ( x )", [](double x, double) { return std::sin(x); }},
      // constants and every function
      {"e", [](double, double) { return kE; }},
      {"pi + e", [](double, double) { return kPi + kE; }},
      {"e^x", [](double x, double) { return std::pow(kE, x); }},
      {"sin(x) + cos(y)", [](double x, double y) { return std::sin(x) + std::cos(y); }},
      {"tan(x)", [](double x, double) { return std::tan(x); }},
      {"asin(x/4)", [](double x, double) { return std::asin(x / 4); }},
      {"acos(y/4)", [](double, double y) { return std::acos(y / 4); }},
      {"atan(x*y)", [](double x, double y) { return std::atan(x * y); }},
      {"sinh(x) - cosh(y)", [](double x, double y) { return std::sinh(x) - std::cosh(y); }},
      {"tanh(x)", [](double x, double) { return std::tanh(x); }},
      {"exp(-x^2)", [](double x, double) { return std::exp(-(x * x)); }},
      {"log(1.7)", [l1](double, double) { return l1; }},
      {"ln(x^2 + 1)", [](double x, double) { return std::log(x * x + 1); }},
      {"sqrt(x^2 + y^2)", [](double x, double y) { return std::sqrt(x * x + y * y); }},
      {"abs(x) + abs(y)", [](double x, double y) { return std::abs(x) + std::abs(y); }},
      {"min(x, y)", [](double x, double y) { return std::min(x, y); }},
      {"max(x, y^2)", [](double x, double y) { return std::max(x, y * y); }},
      {"pow(x, 3)", [](double x, double) { return x * x * x; }},
      {"pow(2, y)", [](double, double y) { return std::pow(2, y); }},
      {"x^0.5", [](double x, double) { return std::pow(x, 0.5); }},
      {"(x^2+1)^y", [](double x, double y) { return std::pow(x * x + 1, y); }},
      {"x^-2", [](double x, double) { return 1 / (x * x); }},
      {"x^0", [](double, double) { return 1.0; }},
      {"x^1", [](double x, double) { return x; }},
      {"x^7", [](double x, double) { return std::pow(x, 7); }},
      {"x^100", [](double x, double) { return std::pow(x, 100); }},
      {"1/x", [](double x, double) { return 1 / x; }},
      {"log(x)", [](double x, double) { return std::log(x); }},
  };
  const std::vector<Vec2> points{{0.3, -0.7}, {1.25, 2.5}, {-2.2, 0.9}, {3.1, 1.9}};
  for (const auto& c : cases) {
    INFO(c.text);
    Formula f = Formula::parse(c.text);
    for (const Vec2& p : points) {
      INFO("at (" << p.x() << ", " << p.y() << ")");
      const double want = c.expected(p.x(), p.y());
      CHECK(close(f.value(p), want, 1e-14));
      CHECK(same(f.value_gradient(p).value, f.value(p)));
    }
  }
}

TEST_CASE("formula: bad inputs throw FormulaError with exact messages", "[formula]") {
  struct Case {
    std::string text;
    std::size_t column;
    std::string message;
  };
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  const std::vector<Case> cases{
      // the whole text
      {"", 0, "the formula is empty"},
      {" \t\n ", 0, "the formula is empty"},
      {std::string(2001, 'x'), 0, "the formula is too long (2001 characters; at most 2000)"},
      {std::string(9000, '1'), 0, "the formula is too long (more than 2000 characters)"},
      // limits
      {repeat("(", 101) + "x" + repeat(")", 101), 101,
       "column 101: nesting is too deep (at most 100 levels)"},
      {repeat("-", 101) + "x", 101, "column 101: nesting is too deep (at most 100 levels)"},
      {repeat("2^", 101) + "2", 202, "column 202: nesting is too deep (at most 100 levels)"},
      {repeat("sin(", 101) + "x" + repeat(")", 101), 404,
       "column 404: nesting is too deep (at most 100 levels)"},
      {repeat("x+", 600) + "x", 1000,
       "column 1000: the formula is too large (at most 1000 numbers, names and operations)"},
      // names
      {"z", 1, "column 1: unknown name 'z'; use x, y, pi, e or a function (sin, cos, ...)"},
      {"x + 2*z", 7, "column 7: unknown name 'z'; use x, y, pi, e or a function (sin, cos, ...)"},
      {"xy", 1, "column 1: unknown name 'xy' (write x*y for a product)"},
      {"2pix", 2, "column 2: unknown name 'pix' (write pi*x for a product)"},
      {"ex", 1, "column 1: unknown name 'ex' (write e*x for a product)"},
      {"x2", 1, "column 1: unknown name 'x2' (write x^2 for a power or x*2 for a product)"},
      {"sine(x)", 1, "column 1: unknown name 'sine' (did you mean 'sin'?)"},
      {"Sin(x)", 1, "column 1: unknown name 'Sin' (did you mean 'sin'?)"},
      {"X + 1", 1, "column 1: unknown name 'X' (did you mean 'x'?)"},
      {"abcdefghijklmnopqrstuvwxyz", 1,
       "column 1: unknown name 'abcdefghijklmnopqrstuvwx...'; use x, y, pi, e or a function (sin, "
       "cos, ...)"},
      // functions
      {"sin x", 5, "column 5: 'sin' needs its argument in parentheses, e.g. sin(x)"},
      {"sinx", 4, "column 4: 'sin' needs its argument in parentheses, e.g. sin(x)"},
      {"sin^2(x)", 4, "column 4: 'sin' needs its argument in parentheses, e.g. sin(x)"},
      {"cos2πx", 4, "column 4: 'cos' needs its argument in parentheses, e.g. cos(x)"},
      {"exp", 4, "column 4: 'exp' needs its argument in parentheses, e.g. exp(x)"},
      {"max x", 5, "column 5: 'max' needs its arguments in parentheses, e.g. max(x, y)"},
      {"max(x)", 1, "column 1: max takes 2 arguments, not 1"},
      {"1 + sin(x, y)", 5, "column 5: sin takes 1 argument, not 2"},
      {"pow()", 1, "column 1: pow takes 2 arguments, not 0"},
      // structure
      {"(x+1))", 6, "column 6: unexpected ')'"},
      {"1 + ", 5, "column 5: expected a number, x, y, a function or '(' but the formula ends"},
      {"x^", 3, "column 3: expected a number, x, y, a function or '(' but the formula ends"},
      {"x * / y", 5, "column 5: expected a number, x, y, a function or '(' but found '/'"},
      {"x ** * 2", 6, "column 6: expected a number, x, y, a function or '(' but found '*'"},
      {"()", 2, "column 2: expected a number, x, y, a function or '(' but found ')'"},
      {"²", 1, "column 1: expected a number, x, y, a function or '(' but found '²'"},
      {"max(x,)", 7, "column 7: expected a number, x, y, a function or '(' but found ')'"},
      {"(x + 1", 7, "column 7: expected ')' to close the '(' at column 1"},
      {"max(x, y", 9, "column 9: expected ')' to close the '(' at column 4"},
      {"3, 4", 2,
       "column 2: unexpected ','; commas only separate a function's arguments, e.g. max(x, y)"},
      {"(3, 4)", 3,
       "column 3: unexpected ','; commas only separate a function's arguments, e.g. max(x, y)"},
      {"x y", 3, "column 3: missing operator before 'y' (write x*y for a product)"},
      {"2 3", 3, "column 3: missing operator before '3' (write 2*3 for a product)"},
      {"π x y", 5, "column 5: missing operator before 'y' (write x*y for a product)"},
      {"x sin(y)", 3, "column 3: missing operator before 'sin' (write * for a product)"},
      // characters and numbers
      {"|x|", 1, "column 1: '|' is not supported; write abs(x) for |x|"},
      {"[x + 1]", 1, "column 1: use ( and ) for grouping, not '['"},
      {"z = x^2", 3,
       "column 3: unexpected '='; type only the expression in x and y, e.g. x^2 + y^2"},
      {"x $ y", 3, "column 3: unexpected character '$'"},
      {"x + α", 5, "column 5: unexpected character 'α' (U+03B1)"},
      {"x\x01", 2, "column 2: unexpected character U+0001"},
      {"x + \xff", 5, "column 5: not valid UTF-8 (byte 0xFF)"},
      {"π\xe2\x88", 2, "column 2: not valid UTF-8 (byte 0xE2)"},
      {"x⁴", 2, "column 2: unexpected character '⁴'; write ^4 for a power"},
      {"1.2.3", 4, "column 4: a number has one decimal point at most"},
      {". + x", 1, "column 1: '.' must be part of a number, e.g. 0.5 or .5"},
      {"2 * 1e999", 5, "column 5: the number '1e999' is too large"},
  };
  REQUIRE(cases.size() >= 25);
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 80));
    try {
      Formula::parse(c.text);
      FAIL("parsed");
    } catch (const FormulaError& e) {
      CHECK(std::string(e.what()) == c.message);
      CHECK(e.column() == c.column);
    }
  }
  // A FormulaError is a std::invalid_argument, as every user error of the engine.
  CHECK_THROWS_AS(Formula::parse("x +"), std::invalid_argument);
}

TEST_CASE("formula: the limits themselves are allowed", "[formula]") {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "(";
  deep += "x";
  for (int i = 0; i < 100; ++i) deep += ")";
  CHECK(Formula::parse(deep).value({2, 0}) == 2);
  std::string signs(100, '-');
  CHECK(Formula::parse(signs + "x").value({2, 0}) == 2);
  std::string longest = "x+";
  longest.append(kMaxFormulaLength - 3, ' ').append("1");
  CHECK(Formula::parse(longest).value({0.5, 0}) == 1.5);
  std::string largest = "x";  // 999 nodes
  for (int i = 0; i < 499; ++i) largest += "+x";
  CHECK(Formula::parse(largest).value({1, 0}) == 500);
}

// [SECTION] evaluation
TEST_CASE("formula: gradients and Hessians agree with finite differences", "[formula][gradient]") {
  const std::vector<std::string> formulas{
      "x^2 + 3x*y - y^3",
      "sin(x)*cos(2y) + tan(x/4)",
      "asin(x/5) + acos(y/5) + atan(x*y)",
      "sinh(x/2) + cosh(y/3) - tanh(x - y)",
      "exp(-(x^2 + y^2)/4) + log(x^2 + y^2 + 1)",
      "sqrt(x^2 + 2y^2 + 1) / (1 + x^2)",
      "(x^2 + 1)^(y/3) + 2^x",
      "pow(x^2 + 1, 0.7) - (y^2 + 2)^-1.5",
      "min(x, y) + max(x^2, 2y)",
      "abs(x - 1) * y + abs(y + 0.5)",
      "x^7 - 2y^5 + x^-2 + y^-3",
      "(1-x)^2 + 100(y-x^2)^2",
      "e^(x/3) * pi^(y/4)",
      "1/(x - y + 10) - x/(y^2 + 1)",
  };
  for (const auto& text : formulas) {
    Plain f(Formula::parse(text));
    int checked = 0;
    for (const Vec2& p : sample_points({-3, 3, -3, 3}, 8)) {
      // Stay away from kinks (min, max, abs) and from the poles of the negative powers.
      if (std::abs(p.x() - p.y()) < 1e-2 || std::abs(p.x() * p.x() - 2 * p.y()) < 1e-2 ||
          std::abs(p.x() - 1) < 1e-2 || std::abs(p.y() + 0.5) < 1e-2 || std::abs(p.x()) < 0.3 ||
          std::abs(p.y()) < 0.3)
        continue;
      auto [v, g] = f.value_gradient(p);
      if (!std::isfinite(v)) continue;
      const Vec2 numeric = fd_gradient(f, p);
      const double scale = std::max(g.norm(), std::abs(v));
      INFO(text << " at (" << p.x() << ", " << p.y() << "): " << g.transpose() << " vs "
                << numeric.transpose());
      CHECK(fd_agrees(g.x(), numeric.x(), scale));
      CHECK(fd_agrees(g.y(), numeric.y(), scale));
      const Mat2 h = *f.hessian(p), hn = fd_hessian(f, p);
      const double hscale = std::max(h.cwiseAbs().maxCoeff(), g.norm());
      for (int i = 0; i < 4; ++i) CHECK(fd_agrees(h(i), hn(i), hscale));
      CHECK(h(0, 1) == h(1, 0));
      ++checked;
    }
    CHECK(checked >= 20);
  }
}

TEST_CASE("formula: kinks follow jet.hpp's convention", "[formula]") {
  // abs'(0) = 0 and sqrt'(0) = 0: the minimum-norm subgradient.
  CHECK(Formula::parse("abs(x) + abs(y)").value_gradient({0, 0}).gradient == Vec2(0, 0));
  CHECK(Formula::parse("sqrt(x^2 + y^2)").value_gradient({0, 0}).gradient == Vec2(0, 0));
  CHECK(Formula::parse("abs(x)^0.5").value_gradient({0, 1}).gradient == Vec2(0, 0));
  // A tie of min or max: the average of both sides, so max(x, -x) agrees with abs(x).
  CHECK(Formula::parse("max(x, -x)").value_gradient({0, 1}).gradient == Vec2(0, 0));
  CHECK(Formula::parse("min(x, y)").value_gradient({1, 1}).gradient == Vec2(0.5, 0.5));
  CHECK(Formula::parse("max(2x, y)").value_gradient({1, 2}).gradient == Vec2(1, 0.5));
  Mat2 h = Formula::parse("max(x^2, y)").hessian({1, 1});
  CHECK(h(0, 0) == 1);  // the average of 2 and 0
  CHECK(Formula::parse("min(x, y)").value_gradient({1, 2}).gradient == Vec2(1, 0));
  // NaN on either side is NaN, whatever the order.
  CHECK(std::isnan(Formula::parse("min(x, log(y))").value({1, -1})));
  CHECK(std::isnan(Formula::parse("max(log(y), x)").value({1, -1})));
}

TEST_CASE("formula: values() over blocks equals value() point by point", "[formula]") {
  for (const char* text : {"x", "y", "3", "2pi", "(1-x)^2 + 100(y-x^2)^2", "sin(x)*exp(y)",
                           "min(x, 2) + max(1, y) + x^3 + x^4 + x^5 + 2^x + x^y + x^1.5"}) {
    Formula f = Formula::parse(text);
    for (std::size_t n : {0, 1, 127, 128, 129, 300, 1000}) {
      INFO(text << ", " << n << " points");
      std::vector<Vec2> points;
      for (std::size_t k = 0; k < n; ++k)
        points.emplace_back(-2 + 4.0 * k / (n + 1), 1.5 - 3.0 * ((k * 37) % (n + 1)) / (n + 1));
      std::vector<double> out(n, -1);
      f.values(points, out);
      bool all_same = true;
      for (std::size_t k = 0; k < n; ++k) all_same = all_same && same(out[k], f.value(points[k]));
      CHECK(all_same);
    }
  }
}

TEST_CASE("formula: doubles, jets and blocks agree on every value, signed zeros and all",
          "[formula]") {
  // Found by the fuzzer: sqrt(-0) is -0, so 1/sqrt(0*x) at x < 0 is -infinity on every path.
  const std::vector<Vec2> points{{0.3, -0.7}, {0, 0}, {-1.5, 2}, {1e300, -1e-300}, {-0.0, 0.0}};
  for (const char* text :
       {"+ -1/sqrt((.00x^0^0))*+-x", "1/sqrt(0*x)", "1/abs(0*x)", "1/(0*x)^0.5", "1/max(0*x, 0*y)",
        "1/min(-0*x, 0)", "1/(0*x)^3", "1/(x-x)", "log(0*x)", "(0*x)^y", "2^(0*x)/0"}) {
    INFO(text);
    Formula f = Formula::parse(text);
    std::vector<double> block(points.size());
    f.values(points, block);
    for (std::size_t k = 0; k < points.size(); ++k) {
      INFO("at (" << points[k].x() << ", " << points[k].y() << ")");
      const double v = f.value(points[k]);
      CHECK(same(block[k], v));
      CHECK(same(f.value_gradient(points[k]).value, v));
      if (std::isnan(v)) continue;  // a NaN's sign depends on the operand order
      CHECK(std::signbit(block[k]) == std::signbit(v));
      CHECK(std::signbit(f.value_gradient(points[k]).value) == std::signbit(v));
    }
  }
}

TEST_CASE("formula: evaluation is safe from many threads at once", "[formula]") {
  Formula f = Formula::parse("sin(3x)*cos(2y) + (1-x)^2 + 100(y-x^2)^2 + sqrt(x^2+y^2+1)");
  std::vector<Vec2> points = sample_points({-2, 2, -2, 2}, 20);
  std::vector<double> expected;
  for (const Vec2& p : points) expected.push_back(f.value_gradient(p).value);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<double> out(points.size());
      for (int round = 0; round < 50; ++round) {
        f.values(points, out);
        for (std::size_t k = 0; k < points.size(); ++k) {
          mismatches[t] += out[k] != expected[k];
          mismatches[t] += f.value_gradient(points[k]).value != expected[k];
          mismatches[t] += f.hessian(points[k]) != f.hessian(points[k]);
        }
      }
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}

// [SECTION] the built-in surfaces as formulas
TEST_CASE("formula: every built-in surface as a formula gives the same numbers",
          "[formula][surfaces]") {
  REQUIRE(surface_formulas().size() == surfaces().size());
  for (const auto& entry : surfaces()) {
    const auto s = entry.make({});
    const std::string& name = s->info().name;
    INFO(name << ": " << surface_formulas().at(name));
    auto f = make_formula_objective(surface_formulas().at(name), s->info().view);
    const std::vector<Vec2> points = sample_points(s->info().view, 12);
    std::vector<double> block(points.size());
    f->values(points, block);
    int exact = 0;
    for (std::size_t k = 0; k < points.size(); ++k) {
      const Vec2& p = points[k];
      INFO("at (" << p.x() << ", " << p.y() << ")");
      const ValueGradient a = s->value_gradient(p), b = f->value_gradient(p);
      CHECK(close(b.value, a.value, 1e-12));
      CHECK(close(f->value(p), s->value(p), 1e-12));
      CHECK(close(block[k], s->value(p), 1e-12));
      CHECK(close(b.gradient.x(), a.gradient.x(), 1e-12));
      CHECK(close(b.gradient.y(), a.gradient.y(), 1e-12));
      const Mat2 ha = *s->hessian(p), hb = *f->hessian(p);
      const double scale = std::max(1.0, ha.cwiseAbs().maxCoeff());
      CHECK((ha - hb).cwiseAbs().maxCoeff() <= 1e-12 * scale);
      exact += a.value == b.value && a.gradient == b.gradient && block[k] == s->value(p);
    }
#ifndef __FMA__
    // Without contracted multiply-adds the tape performs the very operations of the C++.
    CHECK(exact == static_cast<int>(points.size()));
#endif
  }
}

TEST_CASE("formula: runs on a surface's formula follow the built-in's path step by step",
          "[formula][surfaces][run]") {
  for (const char* spec : {"adam:lr=0.01", "sgd:lr=0.0001,momentum=0.9"}) {
    for (const auto& entry : surfaces()) {
    const auto s = entry.make({});
      const std::string& name = s->info().name;
      INFO(spec << " on " << name);
      auto f = make_formula_objective(surface_formulas().at(name), s->info().view);
      const RunLimits limits{.max_steps = 500};
      Run a(s, Optimizer(parse_optimizer_spec(spec)), s->info().start, limits);
      Run b(f, Optimizer(parse_optimizer_spec(spec)), s->info().start, limits);
      while (a.advance(1000)) {
      }
      while (b.advance(1000)) {
      }
      const Trajectory &ta = *a.trajectory(), &tb = *b.trajectory();
      REQUIRE(ta.size() == tb.size());
      CHECK(ta.status() == tb.status());
      bool agree = true;
      for (std::size_t k = 0; k < ta.size(); ++k)
        agree = agree && close(ta[k].x, tb[k].x, 1e-12) && close(ta[k].y, tb[k].y, 1e-12) &&
                close(ta[k].loss, tb[k].loss, 1e-12);
      CHECK(agree);
    }
  }
}

// [SECTION] printed derivatives
TEST_CASE("formula: printed derivatives read as formulas", "[formula][derivative]") {
  Formula rosenbrock = Formula::parse("(1-x)^2 + 100(y-x^2)^2");
  CHECK(rosenbrock.derivative_text(Variable::x) == "-2*(1 - x) - 400*x*(y - x^2)");
  CHECK(rosenbrock.derivative_text(Variable::y) == "200*(y - x^2)");
  const std::vector<std::array<std::string, 3>> expected{
      {"x^2 + y^2", "2*x", "2*y"},
      {"x*y", "y", "x"},
      {"3", "0", "0"},
      {"-x", "-1", "0"},
      {"x^3 - 3(x*y^2)", "3*x^2 - 3*y^2", "-6*x*y"},
      {"sin(2pi x)", "2*pi*cos(2*pi*x)", "0"},
      {"exp(x*y)", "y*exp(x*y)", "x*exp(x*y)"},
      {"log(x)", "1/x", "0"},
      {"x^y", "y*x^(y - 1)", "x^y*log(x)"},
      {"e^x", "e^x", "0"},
      {"1/x", "-1/x^2", "0"},
      {"abs(x)", "x/abs(x)", "0"},
      {"sqrt(x)", "1/(2*sqrt(x))", "0"},
      {"-(-(x))", "1", "0"},
      {"x - (-y)", "1", "1"},
      {"2*(3*x)", "6", "0"},
  };
  for (const auto& [text, dx, dy] : expected) {
    INFO(text);
    Formula f = Formula::parse(text);
    CHECK(f.derivative_text(Variable::x) == dx);
    CHECK(f.derivative_text(Variable::y) == dy);
  }
}

TEST_CASE("formula: printed derivatives parse back to the same gradient", "[formula][derivative]") {
  std::vector<std::string> formulas{
      "x^2 + 3x*y - y^3",
      "sin(x)*cos(2y) + tan(x/4)",
      "asin(x/5) + acos(y/5) + atan(x*y)",
      "sinh(x/2) + cosh(y/3) - tanh(x - y)",
      "exp(-(x^2 + y^2)/4) + log(x^2 + y^2 + 1)",
      "sqrt(x^2 + 2y^2 + 1) / (1 + x^2)",
      "(x^2 + 1)^(y/3) + 2^x",
      "pow(x^2 + 1, 0.7) - (y^2 + 2)^-1.5",
      "min(x, y) + max(x^2, 2y)",
      "abs(x - 1) * y + abs(y + 0.5)",
      "x^7 - 2y^5 + x^-2 + y^-3",
      "-(x - y)^2 / -(1 + y^2) - -x",
      "e^(x/3) * pi^(y/4) - 2^-x",
      "1/(x - y + 10) - x/(y^2 + 1)",
      "(x*y)^3 - x^2^2 + (-x)^2",
  };
  for (const auto& [name, text] : surface_formulas()) formulas.push_back(text);
  for (const auto& text : formulas) {
    Formula f = Formula::parse(text);
    const std::string dx = f.derivative_text(Variable::x), dy = f.derivative_text(Variable::y);
    INFO(text << "\n  d/dx = " << dx << "\n  d/dy = " << dy);
    REQUIRE(dx.find("too long") == std::string::npos);
    Formula fx = Formula::parse(dx), fy = Formula::parse(dy);
    int checked = 0;
    for (const Vec2& p : sample_points({-3, 3, -3, 3}, 7)) {
      if (std::abs(p.x() - p.y()) < 1e-2 || std::abs(p.x() * p.x() - 2 * p.y()) < 1e-2 ||
          std::abs(p.x() - 1) < 1e-2 || std::abs(p.y() + 0.5) < 1e-2 ||
          std::abs(p.y() - 0.01 * p.x() * p.x()) < 1e-2)
        continue;
      const ValueGradient vg = f.value_gradient(p);
      if (!std::isfinite(vg.value) || !vg.gradient.allFinite()) continue;
      INFO("at (" << p.x() << ", " << p.y() << ")");
      CHECK(close(fx.value(p), vg.gradient.x(), 1e-9));
      CHECK(close(fy.value(p), vg.gradient.y(), 1e-9));
      ++checked;
    }
    CHECK(checked >= 10);
  }
}

TEST_CASE("formula: a derivative too long to show says so", "[formula][derivative]") {
  std::string text;
  for (int i = 1; i <= 20; ++i) text += "(x + " + std::to_string(i) + ")";
  const std::string dx = Formula::parse(text).derivative_text(Variable::x);
  CHECK(dx.size() <= Formula::kMaxShownDerivative + 40);
  CHECK_THAT(
      dx, Catch::EndsWith("... (too long to show in full)") || Catch::Equals("(too long to show)"));
  CHECK(Formula::parse("x^2").derivative_text(Variable::x) == "2*x");
}

// [SECTION] the objective and its minima
TEST_CASE("formula: the objective describes itself", "[formula]") {
  auto f = make_formula_objective("  (1-x)^2 + 100(y-x^2)^2 \n");
  const ObjectiveInfo& info = f->info();
  CHECK(info.name == "formula");
  CHECK_FALSE(info.description.empty());
  CHECK(info.formula == "(1-x)^2 + 100(y-x^2)^2");
  CHECK(Formula::parse("\u00a0 x + y\u2009\t").text() == "x + y");
  CHECK(info.df_dx == "-2*(1 - x) - 400*x*(y - x^2)");
  CHECK(info.df_dy == "200*(y - x^2)");
  const Box box = default_formula_box();
  CHECK(box.x_min == -5);
  CHECK(box.x_max == 5);
  CHECK(box.y_min == -5);
  CHECK(box.y_max == 5);
  CHECK(info.view.x_min == box.x_min);
  CHECK(info.view.y_max == box.y_max);
  CHECK(info.view.contains(info.start));
  REQUIRE(info.critical_points.size() == 1);
  CHECK(info.critical_points[0].kind == PointKind::global_min);
  CHECK((info.start - info.critical_points[0].at).norm() > 1);
  CHECK(f->gradient(info.start).norm() > 0);
  CHECK(f->sample_count() == 0);
  CHECK(f->evaluation_cost() >= 1);
  CHECK(f->gradient_cost() >= 1);
  // Costs grow with the tape.
  std::string big = "sin(x)";
  for (int i = 0; i < 60; ++i) big += " + sin(" + std::to_string(i) + "x + y)";
  auto heavy = make_formula_objective(big);
  CHECK(heavy->evaluation_cost() > 10 * f->evaluation_cost());
  CHECK(heavy->gradient_cost() > 10 * f->gradient_cost());
}

TEST_CASE("formula: a box must be finite and not empty", "[formula]") {
  CHECK_THROWS_WITH(make_formula_objective("x", Box{1, -1, 0, 1}),
                    "formula box: the x range [1, -1] must be finite with x_min < x_max");
  CHECK_THROWS_WITH(make_formula_objective("x", Box{0, 1, 0, INFINITY}),
                    "formula box: the y range [0, inf] must be finite with y_min < y_max");
  CHECK_THROWS_WITH(make_formula_objective("x", Box{0, 1, NAN, 1}),
                    "formula box: the y range [nan, 1] must be finite with y_min < y_max");
  CHECK_THROWS_AS(make_formula_objective("x", Box{2, 2, 0, 1}), std::invalid_argument);
  CHECK_THROWS_AS(make_formula_objective("x +"), FormulaError);
}

TEST_CASE("formula: minima found numerically", "[formula][minima]") {
  auto points = [](const std::string& text, std::optional<Box> box = std::nullopt) {
    return make_formula_objective(text, box)->info().critical_points;
  };
  auto count = [](const std::vector<CriticalPoint>& ps, PointKind kind) {
    return std::count_if(ps.begin(), ps.end(), [&](const auto& c) { return c.kind == kind; });
  };
  auto has = [](const std::vector<CriticalPoint>& ps, PointKind kind, Vec2 at, double tolerance) {
    return std::any_of(ps.begin(), ps.end(), [&](const auto& c) {
      return c.kind == kind && (c.at - at).norm() <= tolerance;
    });
  };

  SECTION("himmelblau: four global minima") {
    auto ps = points("(x^2+y-11)^2 + (x+y^2-7)^2");
    CHECK(count(ps, PointKind::global_min) == 4);
    CHECK(count(ps, PointKind::local_min) == 0);
    for (const auto& c : find_surface("himmelblau")->info().critical_points)
      CHECK(has(ps, PointKind::global_min, c.at, 1e-8));
  }
  SECTION("three-hump camel: a global and two local minima") {
    auto ps = points("2x^2 - 1.05x^4 + x^6/6 + x*y + y^2", Box{-3, 3, -3, 3});
    CHECK(count(ps, PointKind::global_min) == 1);
    CHECK(count(ps, PointKind::local_min) == 2);
    for (const auto& c : find_surface("three_hump_camel")->info().critical_points)
      CHECK(has(ps, c.kind, c.at, 1e-8));
  }
  SECTION("a saddle and no minimum") {
    auto ps = points("x^2 - y^2");
    CHECK(count(ps, PointKind::global_min) + count(ps, PointKind::local_min) == 0);
    CHECK(has(ps, PointKind::saddle, {0, 0}, 1e-12));
  }
  SECTION("a kink minimum") {
    auto ps = points("abs(x) + abs(y)");
    REQUIRE(ps.size() == 1);
    CHECK(has(ps, PointKind::global_min, {0, 0}, 1e-8));
    auto shifted = points("abs(x - 1.3) + 2abs(y + 0.7)");
    REQUIRE(shifted.size() == 1);
    CHECK(has(shifted, PointKind::global_min, {1.3, -0.7}, 1e-7));
    auto cone = points("max(abs(x - 0.5), abs(y))");
    REQUIRE(cone.size() == 1);
    CHECK(has(cone, PointKind::global_min, {0.5, 0}, 1e-7));
  }
  SECTION("none where there is none") {
    CHECK(points("x^3").empty());
    CHECK(points("x").empty());
    CHECK(points("7").empty());  // flat: no isolated minimum
    CHECK(points("-x^2 - y^2").empty());
    CHECK(points("log(x) + y").empty());
    CHECK(points("x^3 - 3x*y^2").empty());  // degenerate saddle: neither
  }
  SECTION("degenerate minima and minima that are not the lowest point in the box") {
    auto quartic = points("x^4 + y^4");
    REQUIRE(quartic.size() == 1);
    CHECK(has(quartic, PointKind::global_min, {0, 0}, 1e-6));
    // The box's lowest point is on its boundary (x = -5): the minimum at (1, 0) is local.
    auto cubic = points("x^3 - 3x + y^2");
    CHECK(count(cubic, PointKind::global_min) == 0);
    CHECK(has(cubic, PointKind::local_min, {1, 0}, 1e-10));
    CHECK(has(cubic, PointKind::saddle, {-1, 0}, 1e-10));
  }
  SECTION("outside the box nothing is reported") {
    CHECK(points("(x - 7)^2 + y^2").empty());
    auto ps = points("(x - 7)^2 + y^2", Box{0, 10, -1, 1});
    REQUIRE(ps.size() == 1);
    CHECK(has(ps, PointKind::global_min, {7, 0}, 1e-10));
  }
  SECTION("every built-in surface's minima are found") {
    for (const auto& entry : surfaces()) {
    const auto s = entry.make({});
      const ObjectiveInfo& info = s->info();
      INFO(info.name);
      auto ps = points(surface_formulas().at(info.name), info.view);
      const double diag =
          std::hypot(info.view.x_max - info.view.x_min, info.view.y_max - info.view.y_min);
      for (const auto& c : info.critical_points)
        if (c.kind == PointKind::global_min)
          CHECK(has(ps, PointKind::global_min, c.at, 1e-7 * diag));
      for (const auto& c : ps) {
        // A minimum is one: no sampled neighbour is lower.
        if (c.kind == PointKind::saddle) continue;
        for (const Vec2& d : {Vec2(1, 0), Vec2(0, 1), Vec2(-1, 0), Vec2(0, -1), Vec2(1, 1)})
          CHECK(s->value(c.at + 1e-4 * d) >= c.value - 1e-12);
      }
    }
  }
  SECTION("a large formula ends (the search's work is bounded)") {
    std::string big = "0";
    for (int i = 1; i <= 40; ++i)
      big += " + sin(" + std::to_string(i) + "x - y)^2/" + std::to_string(i) + " + (x-" +
             std::to_string(i % 5) + ")^2/100";
    REQUIRE(Formula::parse(big).tape_length() > 200);
    auto ps = points(big);
    CHECK(ps.size() <= 40);
  }
}

// [SECTION] the registry of functions
TEST_CASE("formula: the function registry drives the parser and help", "[formula]") {
  const auto& functions = formula_functions();
  CHECK(functions.kind() == "formula function");
  CHECK(functions.names() == std::vector<std::string>{"sin", "cos", "tan", "asin", "acos", "atan",
                                                      "sinh", "cosh", "tanh", "exp", "log", "ln",
                                                      "sqrt", "abs", "min", "max", "pow"});
  const std::string help = formula_syntax_help();
  CHECK(std::count(help.begin(), help.end(), '\n') <= 1);
  for (const auto& f : functions) {
    INFO(f.name);
    CHECK_FALSE(f.description.empty());
    CHECK(f.params.empty());
    CHECK((f.arity == 1 || f.arity == 2));
    CHECK(help.find(f.name) != std::string::npos);
    // The parser takes the name with its arity, and computes what `make` computes.
    const std::string call = f.name + (f.arity == 1 ? "(0.3)" : "(0.3, 1.7)");
    CHECK(Formula::parse(call).value({0, 0}) == f.make({}, 0.3, 1.7));
  }
  CHECK(functions.find("sin").description == "sine (radians)");
  CHECK_THROWS_WITH(functions.find("sine"),
                    Catch::StartsWith("unknown formula function 'sine' (did you mean 'sin'?)"));
  CHECK(help.find("pi") != std::string::npos);
  CHECK(help.find("^") != std::string::npos);
}

// [SECTION] fuzz
// Deterministic: the same 50,000+ inputs every run. Each either parses (and then evaluates,
// possibly to NaN, and prints derivatives that parse back) or throws FormulaError with a
// column inside the text, one past its end, or 0 for the whole text; nothing else escapes.
TEST_CASE("formula: fuzz: anything typed parses or throws FormulaError", "[formula][fuzz]") {
  Rng rng(20261201);
  const std::vector<std::string> tokens{
      "x",    "y",    "pi",       "e",    "π",    "sin",  "cos",   "tan",    "asin", "acos",
      "atan", "sinh", "cosh",     "tanh", "exp",  "log",  "ln",    "sqrt",   "abs",  "min",
      "max",  "pow",  "(",        ")",    ",",    "+",    "-",     "*",      "/",    "^",
      "**",   "²",    "³",        "·",    "×",    "−",    " ",     "  ",     "0",    "1",
      "2",    "3.5",  ".5",       "2.",   "1e-3", "1E+5", "1e999", "1e-999", "10",   "0.0",
      "|",    "[",    "]",        "=",    "$",    "xy",   "sinx",  "X",      "z",    "\t",
      "\n",   "\xff", "\xe2\x88", "α",    "⁴",    ".",    "e5",    "_",      "a1",
  };
  std::vector<std::string> seeds{"(1-x)^2 + 100(y-x^2)^2", "min(x, y) + max(x^2, 2y)",
                                 "sqrt(abs(x)) ^ y / (1 + e^x)", "2πx·y² − 3sin(x)cos(y)",
                                 "pow(x, -2.5) + ln(1E-3 + y^2)"};
  for (const auto& [name, text] : surface_formulas()) seeds.push_back(text);

  std::size_t parsed = 0, rejected = 0, total = 0;
  auto check = [&](const std::string& text) {
    ++total;
    try {
      Formula f = Formula::parse(text);
      ++parsed;
      volatile double sink =
          f.value({0.3, -0.7}) + f.value_gradient({-1.5, 2}).value + f.hessian({0.1, 0.2})(0, 1);
      (void)sink;
      if (total % 8 == 0) {
        // Printed derivatives (when complete) are formulas again.
        for (Variable v : {Variable::x, Variable::y}) {
          const std::string d = f.derivative_text(v);
          if (d.find("too long") == std::string::npos) Formula::parse(d);
        }
      }
    } catch (const FormulaError& e) {
      ++rejected;
      const std::string what = e.what();
      // Columns count characters; an invalid byte counts as one.
      if (e.column() > text.size() + 1 || what.empty() ||
          (e.column() > 0 && what.rfind("column " + std::to_string(e.column()) + ": ", 0) != 0))
        FAIL_CHECK("bad error for '" << text.substr(0, 60) << "': [" << e.column() << "] " << what);
    } catch (const std::exception& e) {
      FAIL_CHECK("'" << text.substr(0, 60) << "' threw " << e.what());
    }
  };

  for (int i = 0; i < 22000; ++i) {  // token soups over the whole alphabet
    std::string text;
    const auto length = 1 + rng.below(24);
    for (std::uint64_t k = 0; k < length; ++k) text += tokens[rng.below(tokens.size())];
    check(text);
  }
  for (int i = 0; i < 10000; ++i) {  // random bytes, mostly printable, some invalid UTF-8
    std::string text;
    const auto length = rng.below(40);
    for (std::uint64_t k = 0; k < length; ++k)
      text += static_cast<char>(rng.below(4) == 0 ? rng.below(256) : 32 + rng.below(95));
    check(text);
  }
  for (int i = 0; i < 18000; ++i) {  // mutations of valid formulas
    std::string text = seeds[rng.below(seeds.size())];
    const auto edits = 1 + rng.below(3);
    for (std::uint64_t k = 0; k < edits && !text.empty(); ++k) {
      const std::size_t at = rng.below(text.size());
      switch (rng.below(4)) {
        case 0:
          text.erase(at, 1 + rng.below(3));
          break;
        case 1:
          text.insert(at, tokens[rng.below(tokens.size())]);
          break;
        case 2:
          text[at] = static_cast<char>(rng.below(256));
          break;
        default:
          text = text.substr(0, at) + text.substr(rng.below(text.size()));
          break;
      }
    }
    check(text);
  }
  for (int depth = 90; depth <= 110; ++depth) {  // deep nesting of every kind
    std::string open, close;
    for (int k = 0; k < depth; ++k) open += "(", close += ")";
    check(open + "x" + close);
    check(std::string(depth, '-') + "x");
    std::string power;
    for (int k = 0; k < depth; ++k) power += "x^";
    check(power + "1");
    std::string calls;
    for (int k = 0; k < depth; ++k) calls += k % 2 ? "sin(" : "max(x, ";
    check(calls + "y" + close);
    check(open + "x");
    check("x" + close);
  }
  for (int i = 0; i < 150; ++i) {  // very long inputs, at and around the limit
    std::string text;
    const std::size_t length = 1900 + rng.below(300);
    while (text.size() < length) text += tokens[rng.below(tokens.size())];
    check(text);
    std::string sum = "x";
    while (sum.size() < length) sum += i % 2 ? "+y" : "*1";
    check(sum);
  }
  check(std::string(100000, '('));
  check(std::string(5000, '-') + "x");
  CHECK(total >= 50000);
  CHECK(parsed > 2000);  // the soups are not all rejected
  CHECK(rejected > 20000);
}
