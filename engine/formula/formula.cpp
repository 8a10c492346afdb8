// Formula and FormulaError: parsing, compiling and evaluating a typed formula.
#include "formula.hpp"

#include "derivative.hpp"
#include "parser.hpp"
#include "tape.hpp"
#include "text.hpp"

namespace descent {

namespace formula {
struct Program {
  std::string text;
  Expression expression;
  Tape tape;
  bool kinks = false;
};
}  // namespace formula

namespace {

std::string located(std::size_t column, const std::string& message) {
  return column == 0 ? message : cat("column ", column, ": ", message);
}

// Without the whitespace the lexer skips around it (ASCII and no-break spaces).
std::string_view trimmed(std::string_view text) {
  auto space_at_front = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (std::string_view(" \t\n\r\v\f").find(t.front()) != std::string_view::npos) return 1;
    return t.starts_with("\u00a0") ? 2 : t.starts_with("\u2009") || t.starts_with("\u202f") ? 3 : 0;
  };
  auto space_at_back = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (std::string_view(" \t\n\r\v\f").find(t.back()) != std::string_view::npos) return 1;
    return t.ends_with("\u00a0") ? 2 : t.ends_with("\u2009") || t.ends_with("\u202f") ? 3 : 0;
  };
  while (std::size_t n = space_at_front(text)) text.remove_prefix(n);
  while (std::size_t n = space_at_back(text)) text.remove_suffix(n);
  return text;
}

// Kinks: abs, min, max and sqrt, and powers that are not whole (u^0.5 is a cusp at 0).
bool may_have_kinks(const formula::Expression& e) {
  using formula::Kind;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const formula::Node& n = e[static_cast<formula::NodeId>(i)];
    if (n.kind == Kind::call && formula::has_kinks(n.fn)) return true;
    if (n.kind == Kind::pow &&
        (e[n.b].kind != Kind::number || e[n.b].value != std::floor(e[n.b].value)))
      return true;
  }
  return false;
}

}  // namespace

FormulaError::FormulaError(std::size_t column, const std::string& message)
    : std::invalid_argument(located(column, message)), m_column(column) {}

Formula::Formula(std::shared_ptr<const formula::Program> program) : m_program(std::move(program)) {}

Formula Formula::parse(std::string_view text) {
  auto program = std::make_shared<formula::Program>();
  program->expression = formula::parse(text);  // columns count from the text as typed
  program->text = std::string(trimmed(text));
  program->tape = formula::Tape::compile(program->expression);
  program->kinks = descent::may_have_kinks(program->expression);
  return Formula(std::move(program));
}

const std::string& Formula::text() const {
  return m_program->text;
}

double Formula::value(const Vec2& p) const {
  return m_program->tape.evaluate<double>(p.x(), p.y());
}

ValueGradient Formula::value_gradient(const Vec2& p) const {
  const Jet<1> r = m_program->tape.evaluate<Jet<1>>(p.x(), p.y());
  return {r.v, Vec2(r.dx, r.dy)};
}

Mat2 Formula::hessian(const Vec2& p) const {
  const Jet<2> r = m_program->tape.evaluate<Jet<2>>(p.x(), p.y());
  Mat2 h;
  h << r.dxx, r.dxy, r.dxy, r.dyy;
  return h;
}

void Formula::values(std::span<const Vec2> points, std::span<double> out) const {
  m_program->tape.values(points, out);
}

std::string Formula::derivative_text(Variable v) const {
  return formula::derivative_text(m_program->expression,
                                  v == Variable::x ? formula::Wrt::x : formula::Wrt::y,
                                  kMaxShownDerivative);
}

bool Formula::may_have_kinks() const {
  return m_program->kinks;
}

std::size_t Formula::tape_length() const {
  return m_program->tape.code().size();
}

double Formula::value_nanoseconds() const {
  return m_program->tape.value_nanoseconds();
}

double Formula::gradient_nanoseconds() const {
  return m_program->tape.gradient_nanoseconds();
}

}  // namespace descent
