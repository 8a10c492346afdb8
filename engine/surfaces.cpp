#include "surfaces.hpp"

#include <numbers>
#include <stdexcept>

#include "jet.hpp"

namespace descent {
namespace {

constexpr double kPi = std::numbers::pi;

// An Objective from a formula written once as a generic lambda f(x, y): the value is f on
// doubles, the gradient and Hessian come from f on jets (see jet.hpp).
template <class Formula>
class FormulaSurface final : public Objective {
 public:
  FormulaSurface(ObjectiveInfo info, Formula f) : m_info(std::move(info)), m_f(f) {}

  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override { return m_f(p.x(), p.y()); }
  ValueGradient value_gradient(const Vec2& p) const override {
    Jet<1> r = m_f(Jet<1>::variable_x(p.x()), Jet<1>::variable_y(p.y()));
    return {r.v, Vec2(r.dx, r.dy)};
  }
  void value_gradients(const double* x, const double* y, std::size_t n, double* value, double* dx,
                       double* dy) const override {
    for (std::size_t i = 0; i < n; ++i) {
      const Jet<1> r = m_f(Jet<1>::variable_x(x[i]), Jet<1>::variable_y(y[i]));
      value[i] = r.v, dx[i] = r.dx, dy[i] = r.dy;
    }
  }
  std::optional<Mat2> hessian(const Vec2& p) const override {
    Jet<2> r = m_f(Jet<2>::variable_x(p.x()), Jet<2>::variable_y(p.y()));
    Mat2 h;
    h << r.dxx, r.dxy, r.dxy, r.dyy;
    return h;
  }

 private:
  ObjectiveInfo m_info;
  Formula m_f;
};

CriticalPoint global(double x, double y, double value) {
  return {Vec2(x, y), value, PointKind::global_min};
}
CriticalPoint local(double x, double y, double value) {
  return {Vec2(x, y), value, PointKind::local_min};
}
CriticalPoint saddle(double x, double y, double value) {
  return {Vec2(x, y), value, PointKind::saddle};
}

template <class Formula>
std::shared_ptr<const Objective> surface(std::string name, std::string description,
                                         std::string formula, Box view, Vec2 start,
                                         std::vector<CriticalPoint> points, Formula f) {
  ObjectiveInfo info;
  info.name = std::move(name);
  info.description = std::move(description);
  info.formula = std::move(formula);
  info.view = view;
  info.start = start;
  info.critical_points = std::move(points);
  return std::make_shared<FormulaSurface<Formula>>(std::move(info), f);
}

std::vector<std::shared_ptr<const Objective>> make_surfaces() {
  std::vector<std::shared_ptr<const Objective>> all;
  // [SECTION] the golden set: formulas exactly as in ../shared/golden/README.md
  all.push_back(
      surface("rosenbrock", "A long curved valley: easy to find, slow to follow to its end",
              "(1-x)^2 + 100(y-x^2)^2", {-2, 2, -1, 3}, {-1.2, 1}, {global(1, 1, 0)},
              [](const auto& x, const auto& y) { return sqr(1.0 - x) + 100.0 * sqr(y - sqr(x)); }));
  all.push_back(surface("beale", "Flat plateaus and steep ridges meeting at sharp corners",
                        "(1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2", {-4.5, 4.5, -4.5, 4.5},
                        {1, 1.5}, {global(3, 0.5, 0)}, [](const auto& x, const auto& y) {
                          return sqr(1.5 - x + x * y) + sqr(2.25 - x + x * sqr(y)) +
                                 sqr(2.625 - x + x * (y * y * y));
                        }));
  all.push_back(surface(
      "himmelblau", "Four equal minima: where you start decides where you end",
      "(x^2+y-11)^2 + (x+y^2-7)^2", {-5, 5, -5, 5}, {0.5, -4},
      {global(3, 2, 0), global(-2.805118086952745, 3.131312518250573, 0),
       global(-3.779310253377747, -3.283185991286169, 0),
       global(3.5844283403304917, -1.8481265269644034, 0)},
      [](const auto& x, const auto& y) { return sqr(sqr(x) + y - 11.0) + sqr(x + sqr(y) - 7.0); }));
  all.push_back(surface("booth", "A tilted bowl: plain convex quadratic", "(x+2y-7)^2 + (2x+y-5)^2",
                        {-10, 10, -10, 10}, {-8, 8}, {global(1, 3, 0)},
                        [](const auto& x, const auto& y) {
                          return sqr(x + 2.0 * y - 7.0) + sqr(2.0 * x + y - 5.0);
                        }));
  all.push_back(surface(
      "matyas", "A very flat, slightly tilted bowl: gradients almost vanish",
      "0.26(x^2+y^2) - 0.48xy", {-10, 10, -10, 10}, {8, -6}, {global(0, 0, 0)},
      [](const auto& x, const auto& y) { return 0.26 * (sqr(x) + sqr(y)) - 0.48 * (x * y); }));
  all.push_back(
      surface("three_hump_camel", "A global minimum between two shallow local ones",
              "2x^2 - 1.05x^4 + x^6/6 + xy + y^2", {-3, 3, -3, 3}, {2, -1.5},
              {global(0, 0, 0), local(1.747552345830289, -0.8737761729151445, 0.29863844223686054),
               local(-1.747552345830289, 0.8737761729151445, 0.29863844223686054)},
              [](const auto& x, const auto& y) {
                auto x2 = sqr(x);
                return 2.0 * x2 - 1.05 * sqr(x2) + (x2 * x2 * x2) / 6.0 + x * y + sqr(y);
              }));
  all.push_back(surface("six_hump_camel", "Six valleys, two of them global minima",
                        "(4 - 2.1x^2 + x^4/3)x^2 + xy + (-4 + 4y^2)y^2", {-3, 3, -2, 2}, {-1.5, -1},
                        {global(0.08984201310031807, -0.7126564030207396, -1.0316284534898774),
                         global(-0.08984201310031807, 0.7126564030207396, -1.0316284534898774)},
                        [](const auto& x, const auto& y) {
                          auto x2 = sqr(x), y2 = sqr(y);
                          return (4.0 - 2.1 * x2 + sqr(x2) / 3.0) * x2 + x * y +
                                 (-4.0 + 4.0 * y2) * y2;
                        }));
  all.push_back(surface("rastrigin", "A bowl covered in regular local minima",
                        "20 + x^2 - 10cos(2πx) + y^2 - 10cos(2πy)", {-5.12, 5.12, -5.12, 5.12},
                        {2.3, -1.7}, {global(0, 0, 0)}, [](const auto& x, const auto& y) {
                          return 20.0 + sqr(x) - 10.0 * cos(2.0 * kPi * x) + sqr(y) -
                                 10.0 * cos(2.0 * kPi * y);
                        }));
  all.push_back(surface(
      "ackley", "A nearly flat, bumpy plain around one deep funnel",
      "-20exp(-0.2·sqrt(0.5(x^2+y^2))) - exp(0.5(cos2πx + cos2πy)) + e + 20", {-5, 5, -5, 5},
      {3, -2.5}, {global(0, 0, 0)}, [](const auto& x, const auto& y) {
        return -20.0 * exp(-0.2 * sqrt(0.5 * (sqr(x) + sqr(y)))) -
               exp(0.5 * (cos(2.0 * kPi * x) + cos(2.0 * kPi * y))) + std::numbers::e + 20.0;
      }));
  all.push_back(surface(
      "goldstein_price", "Steep walls, a wide flat floor, several local minima",
      "[1+(x+y+1)^2(19-14x+3x^2-14y+6xy+3y^2)]·[30+(2x-3y)^2(18-32x+12x^2+48y-36xy+27y^2)]",
      {-2, 2, -2, 2}, {-1.2, 1.5}, {global(0, -1, 3)}, [](const auto& x, const auto& y) {
        auto a = 1.0 + sqr(x + y + 1.0) * (19.0 - 14.0 * x + 3.0 * sqr(x) - 14.0 * y +
                                           6.0 * (x * y) + 3.0 * sqr(y));
        auto b = 30.0 + sqr(2.0 * x - 3.0 * y) * (18.0 - 32.0 * x + 12.0 * sqr(x) + 48.0 * y -
                                                  36.0 * (x * y) + 27.0 * sqr(y));
        return a * b;
      }));
  all.push_back(surface("styblinski_tang", "Four basins of different depths",
                        "0.5·[(x^4-16x^2+5x) + (y^4-16y^2+5y)]", {-5, 5, -5, 5}, {0.5, 4},
                        {global(-2.903534027771177, -2.903534027771177, -78.33233140754282),
                         local(2.7468027709908367, 2.7468027709908367, -50.05889331056789)},
                        [](const auto& x, const auto& y) {
                          return 0.5 * ((sqr(sqr(x)) - 16.0 * sqr(x) + 5.0 * x) +
                                        (sqr(sqr(y)) - 16.0 * sqr(y) + 5.0 * y));
                        }));
  all.push_back(surface("saddle", "A horse saddle: down one way, up the other; no minimum",
                        "x^2 - y^2", {-3, 3, -3, 3}, {-2.5, 0.01}, {saddle(0, 0, 0)},
                        [](const auto& x, const auto& y) { return sqr(x) - sqr(y); }));
  all.push_back(
      surface("monkey_saddle", "A saddle with three valleys (two for the legs, one for the tail)",
              "x^3 - 3xy^2", {-2, 2, -2, 2}, {1.5, 0.5}, {saddle(0, 0, 0)},
              [](const auto& x, const auto& y) { return x * x * x - 3.0 * (x * sqr(y)); }));
  all.push_back(
      surface("ill_conditioned", "An elongated bowl (condition number 25): zig-zag territory",
              "0.5(x^2 + 25y^2)", {-10, 10, -4, 4}, {-8, 3}, {global(0, 0, 0)},
              [](const auto& x, const auto& y) { return 0.5 * (sqr(x) + 25.0 * sqr(y)); }));
  // [SECTION] further classics
  all.push_back(surface("sphere", "The simplest bowl: every method should get this right",
                        "x^2 + y^2", {-5, 5, -5, 5}, {-4, 3}, {global(0, 0, 0)},
                        [](const auto& x, const auto& y) { return sqr(x) + sqr(y); }));
  all.push_back(
      surface("levi_n13", "Lévi N.13: ripples on a bowl, a grid of local minima",
              "sin^2(3πx) + (x-1)^2(1+sin^2(3πy)) + (y-1)^2(1+sin^2(2πy))", {-4, 6, -4, 6}, {-3, 4},
              {global(1, 1, 0)}, [](const auto& x, const auto& y) {
                return sqr(sin(3.0 * kPi * x)) + sqr(x - 1.0) * (1.0 + sqr(sin(3.0 * kPi * y))) +
                       sqr(y - 1.0) * (1.0 + sqr(sin(2.0 * kPi * y)));
              }));
  all.push_back(surface("mccormick", "A tilted trough with a sine ripple",
                        "sin(x+y) + (x-y)^2 - 1.5x + 2.5y + 1", {-1.5, 4, -3, 4}, {3, 3},
                        {global(-0.5471975511965976, -1.5471975511965976, -1.9132229549810362)},
                        [](const auto& x, const auto& y) {
                          return sin(x + y) + sqr(x - y) - 1.5 * x + 2.5 * y + 1.0;
                        }));
  // Bukin N.6 is not differentiable on the ridge y = 0.01x^2 nor on the line x = -10. There
  // the gradient is the minimum-norm subgradient convention of jet.hpp: the kinked term
  // contributes 0 (sqrt'(0) = 0, abs'(0) = 0). Off those curves it is the true gradient.
  all.push_back(surface("bukin_n6",
                        "Bukin N.6: a sharp, non-smooth ridge; gradients jump across it",
                        "100·sqrt(|y - 0.01x^2|) + 0.01|x + 10|", {-15, -5, -3, 3}, {-7, 1},
                        {global(-10, 1, 0)}, [](const auto& x, const auto& y) {
                          return 100.0 * sqrt(abs(y - 0.01 * sqr(x))) + 0.01 * abs(x + 10.0);
                        }));
  return all;
}

}  // namespace

const Registry<SurfaceInfo>& surfaces() {
  static const Registry<SurfaceInfo> all = [] {
    std::vector<SurfaceInfo> entries;
    for (auto& s : make_surfaces())
      entries.push_back({s->info().name, s->info().description, {},
                         [s](const ParamValues&) { return s; }});
    return Registry<SurfaceInfo>("surface", std::move(entries));
  }();
  return all;
}

std::shared_ptr<const Objective> find_surface(std::string_view name) {
  return surfaces().find(name).make({});
}

}  // namespace descent
