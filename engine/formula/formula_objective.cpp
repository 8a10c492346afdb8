// The Objective of a typed formula, with its view, start and critical points.
#include <cmath>

#include "critical_points.hpp"
#include "formula.hpp"
#include "text.hpp"

namespace descent {
namespace {

// What a built-in surface's value (in Objective::values) and value_gradient take, in
// nanoseconds: the median of the 18 surfaces on the machine the tape's costs were measured
// on. A built-in surface costs 1 (Objective::evaluation_cost), so a formula costs this much.
constexpr double kSurfaceValueNs = 3;
constexpr double kSurfaceGradientNs = 7.4;

class FormulaObjective final : public Objective {
 public:
  FormulaObjective(Formula f, ObjectiveInfo info) : m_f(std::move(f)), m_info(std::move(info)) {}

  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override { return m_f.value(p); }
  ValueGradient value_gradient(const Vec2& p) const override { return m_f.value_gradient(p); }
  std::optional<Mat2> hessian(const Vec2& p) const override { return m_f.hessian(p); }
  void values(std::span<const Vec2> points, std::span<double> out) const override {
    m_f.values(points, out);
  }
  double evaluation_cost() const override {
    return std::max(1.0, m_f.value_nanoseconds() / kSurfaceValueNs);
  }
  double gradient_cost() const override {
    return std::max(1.0, m_f.gradient_nanoseconds() / kSurfaceGradientNs);
  }

 private:
  Formula m_f;
  ObjectiveInfo m_info;
};

void check_box(const Box& box) {
  auto check = [](char axis, double low, double high) {
    // Its width must be finite too: [-1e308, 1e308] would overflow every position in it.
    if (!std::isfinite(high - low) || !(low < high))
      throw std::invalid_argument(cat("formula box: the ", axis, " range [", low, ", ", high,
                                      "] must be finite with ", axis, "_min < ", axis, "_max"));
  };
  check('x', box.x_min, box.x_max);
  check('y', box.y_min, box.y_max);
}

// Toward a corner (then the middle of an edge), where the value and gradient are finite, the
// gradient does not vanish, and no minimum is near: a descent worth watching.
Vec2 suggested_start(const Formula& f, const Box& box, const std::vector<CriticalPoint>& critical) {
  const double w = box.x_max - box.x_min, h = box.y_max - box.y_min;
  const double diag = std::hypot(w, h);
  const double fractions[][2] = {{0.2, 0.8},  {0.8, 0.2},  {0.8, 0.8},  {0.2, 0.2},  {0.5, 0.85},
                                 {0.85, 0.5}, {0.5, 0.15}, {0.15, 0.5}, {0.35, 0.65}};
  std::optional<Vec2> fallback;
  for (const auto& [fx, fy] : fractions) {
    const Vec2 p(box.x_min + fx * w, box.y_min + fy * h);
    const ValueGradient vg = f.value_gradient(p);
    if (!std::isfinite(vg.value) || !vg.gradient.allFinite() || vg.gradient.norm() == 0) continue;
    if (!fallback) fallback = p;
    bool near = false;
    for (const auto& c : critical)
      if (c.kind != PointKind::saddle && (c.at - p).norm() < 0.15 * diag) near = true;
    if (!near) return p;
  }
  return fallback.value_or(Vec2(box.x_min + 0.5 * w, box.y_min + 0.5 * h));
}

}  // namespace

Box default_formula_box() {
  return {-5, 5, -5, 5};
}

std::shared_ptr<const Objective> make_formula_objective(std::string_view text,
                                                        std::optional<Box> box) {
  const Box view = box.value_or(default_formula_box());
  check_box(view);
  Formula f = Formula::parse(text);
  ObjectiveInfo info;
  info.name = "formula";
  info.description = "A function typed as a formula in x and y";
  info.formula = f.text();
  info.df_dx = f.derivative_text(Variable::x);
  info.df_dy = f.derivative_text(Variable::y);
  info.view = view;
  info.critical_points = formula::find_critical_points(f, view);
  info.start = suggested_start(f, view, info.critical_points);
  return std::make_shared<FormulaObjective>(std::move(f), std::move(info));
}

}  // namespace descent
