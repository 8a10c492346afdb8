#include "critical_points.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <Eigen/Eigenvalues>

namespace descent::formula {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Estimated nanoseconds the whole search may take, spent on the grid first. No new start
// begins past kBudget, and every loop stops at kHardBudget, whatever the formula costs.
constexpr double kBudget = 3e6, kHardBudget = 2 * kBudget;
constexpr double kGridShare = 0.3;
constexpr int kMinGrid = 9, kMaxGrid = 61;
constexpr std::size_t kMinimumStarts = 12, kSaddleStarts = 6, kLowestCells = 3;
constexpr int kNewtonIterations = 60, kLineSearchHalvings = 40;
constexpr int kSimplexIterations = 600;
// Newton goes on until its step is this fraction of the box's diagonal (or it stalls):
// quadratic convergence makes the last steps cheap, and a degenerate minimum (x^4), where
// convergence is only linear, needs them all.
constexpr double kPolish = 1e-13;

bool finite(const Vec2& v) {
  return std::isfinite(v.x()) && std::isfinite(v.y());
}
bool finite(const Mat2& m) {
  return m.allFinite();
}

struct Grid {
  int n = 0;
  std::vector<Vec2> points;
  std::vector<double> values;
  double lowest = kInf;  // of the finite values
};

class Search {
 public:
  Search(const Formula& f, const Box& box)
      : m_f(f),
        m_box(box),
        m_diag(std::hypot(box.x_max - box.x_min, box.y_max - box.y_min)),
        m_value_ns(std::max(1.0, 3 * f.value_nanoseconds())),
        m_hessian_ns(std::max(1.0, 2 * f.gradient_nanoseconds())) {}

  std::vector<CriticalPoint> run() {
    sample_grid();
    std::vector<Found> found;
    for (const Vec2& start : minimum_starts()) {
      if (m_spent > kBudget) break;
      Found p;
      if (newton_minimum(start, p) || (m_f.may_have_kinks() && simplex_minimum(start, p)))
        found.push_back(p);
    }
    for (const Vec2& start : saddle_starts()) {
      if (m_spent > kBudget) break;
      Found p;
      if (newton_critical(start, p)) found.push_back(p);
    }
    return classify(merged(found));
  }

 private:
  enum class Type { minimum, saddle };
  struct Found {
    Vec2 at;
    double value;
    Type type;
  };

  // [SECTION] evaluation with a work count
  double value(const Vec2& p) {
    m_spent += m_value_ns;
    return m_f.value(p);
  }
  ValueGradient value_gradient(const Vec2& p) {
    m_spent += m_hessian_ns / 2;
    return m_f.value_gradient(p);
  }
  Mat2 hessian(const Vec2& p) {
    m_spent += m_hessian_ns;
    return m_f.hessian(p);
  }

  bool inside(const Vec2& p, double margin) const {
    const double m = margin * m_diag;
    return p.x() >= m_box.x_min - m && p.x() <= m_box.x_max + m && p.y() >= m_box.y_min - m &&
           p.y() <= m_box.y_max + m;
  }

  // [SECTION] starts
  void sample_grid() {
    const double per_point = m_f.value_nanoseconds() + m_f.gradient_nanoseconds();
    m_grid.n = std::clamp(static_cast<int>(std::sqrt(kGridShare * kBudget / per_point)), kMinGrid,
                          kMaxGrid);
    if (m_grid.n % 2 == 0) --m_grid.n;  // odd: the centre of the box is a sample
    const int n = m_grid.n;
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i)
        m_grid.points.emplace_back(m_box.x_min + (m_box.x_max - m_box.x_min) * i / (n - 1),
                                   m_box.y_min + (m_box.y_max - m_box.y_min) * j / (n - 1));
    m_grid.values.resize(m_grid.points.size());
    m_f.values(m_grid.points, m_grid.values);
    m_spent += m_f.value_nanoseconds() * static_cast<double>(m_grid.points.size());
    for (double v : m_grid.values)
      if (std::isfinite(v)) m_grid.lowest = std::min(m_grid.lowest, v);
    // |gradient| for the saddle starts
    m_grid_slope.resize(m_grid.points.size());
    for (std::size_t k = 0; k < m_grid.points.size(); ++k) {
      ValueGradient vg = value_gradient(m_grid.points[k]);
      m_grid_slope[k] = finite(vg.gradient) ? vg.gradient.norm() : kInf;
    }
    std::vector<double> slopes;
    for (double s : m_grid_slope)
      if (std::isfinite(s)) slopes.push_back(s);
    if (!slopes.empty()) {
      std::nth_element(slopes.begin(), slopes.begin() + slopes.size() / 2, slopes.end());
      m_typical_slope = slopes[slopes.size() / 2];
    }
  }

  // Cells no finite neighbour is below, lowest first; the lowest cells of all follow.
  std::vector<std::size_t> local_minima(const std::vector<double>& v, bool interior) const {
    const int n = m_grid.n;
    std::vector<std::size_t> cells;
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        if (interior && (i == 0 || j == 0 || i == n - 1 || j == n - 1)) continue;
        const std::size_t k = static_cast<std::size_t>(j) * n + i;
        if (!std::isfinite(v[k])) continue;
        bool lowest = true;
        for (int dj = -1; dj <= 1 && lowest; ++dj)
          for (int di = -1; di <= 1; ++di) {
            const int a = i + di, b = j + dj;
            if ((di || dj) && a >= 0 && b >= 0 && a < n && b < n &&
                v[static_cast<std::size_t>(b) * n + a] < v[k]) {
              lowest = false;
              break;
            }
          }
        if (lowest) cells.push_back(k);
      }
    std::stable_sort(cells.begin(), cells.end(),
                     [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    return cells;
  }

  std::vector<Vec2> minimum_starts() const {
    std::vector<std::size_t> cells = local_minima(m_grid.values, false);
    if (cells.size() > kMinimumStarts) cells.resize(kMinimumStarts);
    std::vector<std::size_t> order(m_grid.values.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double va = m_grid.values[a], vb = m_grid.values[b];
      return (std::isfinite(va) ? va : kInf) < (std::isfinite(vb) ? vb : kInf);
    });
    for (std::size_t k = 0; k < std::min(kLowestCells, order.size()); ++k)
      if (std::isfinite(m_grid.values[order[k]]) &&
          std::find(cells.begin(), cells.end(), order[k]) == cells.end())
        cells.push_back(order[k]);
    std::vector<Vec2> starts;
    for (std::size_t k : cells) starts.push_back(m_grid.points[k]);
    return starts;
  }

  std::vector<Vec2> saddle_starts() const {
    std::vector<std::size_t> cells = local_minima(m_grid_slope, true);
    std::vector<Vec2> starts;
    for (std::size_t k : cells) {
      if (starts.size() == kSaddleStarts) break;
      starts.push_back(m_grid.points[k]);
    }
    return starts;
  }

  // [SECTION] polishing
  // Small enough to be roundoff: relative to the formula's typical slope on the box.
  double gradient_tolerance(double value) const {
    return 1e-8 * std::max({1.0, m_typical_slope, 1e-3 * std::abs(value)});
  }

  // Damped Newton toward a minimum; true with the point when its gradient vanishes there.
  bool newton_minimum(Vec2 p, Found& out) {
    double f = value(p);
    if (!std::isfinite(f)) return false;
    for (int it = 0; it < kNewtonIterations; ++it) {
      if (m_spent > kHardBudget) return false;
      ValueGradient vg = value_gradient(p);
      const Vec2 g = vg.gradient;
      if (!finite(g)) return false;
      if (g.norm() == 0) break;
      Mat2 h = hessian(p);
      Vec2 d = -g;
      if (finite(h)) {
        // Levenberg: lift the spectrum until it is safely positive.
        Eigen::SelfAdjointEigenSolver<Mat2> eigen(h);
        const double low = eigen.eigenvalues()(0), high = std::abs(eigen.eigenvalues()(1));
        const double floor = 1e-6 * std::max(high, 1e-12);
        const double shift = low < floor ? floor - low : 0;
        Vec2 newton = -(h + shift * Mat2::Identity()).ldlt().solve(g);
        if (finite(newton) && newton.dot(g) < 0) d = newton;
      }
      const double longest = 0.25 * m_diag;
      if (d.norm() > longest) d *= longest / d.norm();
      if (d.norm() <= kPolish * m_diag) break;
      double t = 1, slope = g.dot(d), next = kInf;
      int halvings = 0;
      for (; halvings < kLineSearchHalvings && m_spent <= kHardBudget; ++halvings, t *= 0.5) {
        next = value(p + t * d);
        if (std::isfinite(next) && next <= f + 1e-4 * t * slope) break;
      }
      if (halvings == kLineSearchHalvings || m_spent > kHardBudget)
        break;  // no descent left at roundoff level, or no time
      const Vec2 step = t * d;
      p += step;
      f = next;
      if (!inside(p, 0.05)) return false;  // heading for the boundary or beyond
      if (step.norm() <= 1e-15 * (1 + p.norm())) break;
    }
    return accept(p, out);
  }

  // Gauss-Newton on |gradient|^2: converges to any critical point (saddles too).
  bool newton_critical(Vec2 p, Found& out) {
    for (int it = 0; it < kNewtonIterations; ++it) {
      if (m_spent > kHardBudget) return false;
      ValueGradient vg = value_gradient(p);
      const Vec2 g = vg.gradient;
      if (!finite(g) || !std::isfinite(vg.value)) return false;
      if (g.norm() == 0) break;
      Mat2 h = hessian(p);
      if (!finite(h)) return false;
      const Mat2 normal = h.transpose() * h;
      const double mu = 1e-12 * std::max(normal.norm(), 1e-300);
      Vec2 d = -(normal + mu * Mat2::Identity()).ldlt().solve(h.transpose() * g);
      if (!finite(d)) return false;
      const double longest = 0.25 * m_diag;
      if (d.norm() > longest) d *= longest / d.norm();
      if (d.norm() <= kPolish * m_diag) break;
      const double phi = g.squaredNorm();
      double t = 1;
      int halvings = 0;
      for (; halvings < kLineSearchHalvings && m_spent <= kHardBudget; ++halvings, t *= 0.5) {
        const Vec2 gn = value_gradient(p + t * d).gradient;
        if (finite(gn) && gn.squaredNorm() <= (1 - 1e-4 * t) * phi) break;
      }
      if (halvings == kLineSearchHalvings || m_spent > kHardBudget) break;
      p += t * d;
      if (!inside(p, 0.05)) return false;
      if ((t * d).norm() <= 1e-15 * (1 + p.norm())) break;
    }
    return accept(p, out);
  }

  // Nelder-Mead, for kinks where Newton has no useful second derivative.
  bool simplex_minimum(const Vec2& start, Found& out) {
    const double size =
        std::max((m_box.x_max - m_box.x_min), (m_box.y_max - m_box.y_min)) / (m_grid.n - 1);
    Vec2 s[3] = {start, start + Vec2(size, 0), start + Vec2(0, size)};
    double v[3];
    for (int k = 0; k < 3; ++k) v[k] = value(s[k]);
    for (int it = 0; it < kSimplexIterations && m_spent <= kHardBudget; ++it) {
      int order[3] = {0, 1, 2};
      std::sort(order, order + 3, [&](int a, int b) { return less(v[a], v[b]); });
      const int best = order[0], mid = order[1], worst = order[2];
      if ((s[mid] - s[best]).norm() + (s[worst] - s[best]).norm() < 1e-13 * m_diag) break;
      const Vec2 centre = 0.5 * (s[best] + s[mid]);
      const Vec2 reflected = centre + (centre - s[worst]);
      const double fr = value(reflected);
      if (less(fr, v[best])) {
        const Vec2 expanded = centre + 2 * (centre - s[worst]);
        const double fe = value(expanded);
        if (less(fe, fr))
          s[worst] = expanded, v[worst] = fe;
        else
          s[worst] = reflected, v[worst] = fr;
      } else if (less(fr, v[mid])) {
        s[worst] = reflected, v[worst] = fr;
      } else {
        const Vec2 contracted = centre + 0.5 * (s[worst] - centre);
        const double fc = value(contracted);
        if (less(fc, v[worst])) {
          s[worst] = contracted, v[worst] = fc;
        } else {  // shrink toward the best
          for (int k : {mid, worst}) s[k] = s[best] + 0.5 * (s[k] - s[best]), v[k] = value(s[k]);
        }
      }
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
      if (less(v[k], v[best])) best = k;
    return accept(s[best], out) && out.type == Type::minimum;
  }
  static bool less(double a, double b) {  // NaN last
    return std::isfinite(a) && (!std::isfinite(b) || a < b);
  }

  // No point on a ring around p is lower (beyond roundoff), and on a wider ring every point
  // is higher: an isolated minimum, kinked or degenerate (a constant has none).
  bool is_strict_local_minimum(const Vec2& p, double f) {
    const double tolerance = 1e-13 * std::max(1.0, std::abs(f));
    for (double radius : {1e-5, 1e-3}) {
      for (int k = 0; k < 16; ++k) {
        const double angle = 2 * std::numbers::pi * (k + 0.5) / 16;
        const double fr = value(p + radius * m_diag * Vec2(std::cos(angle), std::sin(angle)));
        if (!(radius == 1e-3 ? fr > f + tolerance : fr >= f - tolerance)) return false;
      }
    }
    return true;
  }

  // Whether 0 is (nearly) a subgradient at p: the shortest vector in the convex hull of the
  // gradients around p (gradient sampling). A point on a kinked valley floor that still
  // descends along the valley (Bukin's ridge) has none near 0 and is no minimum, though every
  // ring around it misses the valley and is higher.
  bool is_clarke_stationary(const Vec2& p, double f) {
    std::vector<Vec2> gradients;
    for (int k = 0; k <= 16; ++k) {
      const double angle = 2 * std::numbers::pi * k / 16;
      const Vec2 q = k == 16 ? p : p + 1e-7 * m_diag * Vec2(std::cos(angle), std::sin(angle));
      const Vec2 g = value_gradient(q).gradient;
      if (finite(g)) gradients.push_back(g);
    }
    return !gradients.empty() && shortest_in_hull(gradients) <= gradient_tolerance(f);
  }

  static double shortest_in_hull(const std::vector<Vec2>& points) {
    std::vector<double> angles;
    for (const Vec2& g : points) {
      if (g.norm() == 0) return 0;
      angles.push_back(std::atan2(g.y(), g.x()));
    }
    std::sort(angles.begin(), angles.end());
    double gap = angles.front() + 2 * std::numbers::pi - angles.back();
    for (std::size_t k = 1; k < angles.size(); ++k) gap = std::max(gap, angles[k] - angles[k - 1]);
    if (gap < std::numbers::pi) return 0;  // the directions surround the origin
    double shortest = kInf;
    for (std::size_t i = 0; i < points.size(); ++i)
      for (std::size_t j = i; j < points.size(); ++j) {
        const Vec2 a = points[i], d = points[j] - points[i];
        const double t =
            d.squaredNorm() > 0 ? std::clamp(-a.dot(d) / d.squaredNorm(), 0.0, 1.0) : 0;
        shortest = std::min(shortest, (a + t * d).norm());
      }
    return shortest;
  }

  // A converged point inside the box: a minimum, a saddle, or nothing (a maximum, a
  // degenerate point that is no minimum, a gradient that does not vanish).
  bool accept(const Vec2& p, Found& out) {
    if (!inside(p, 1e-6)) return false;
    const ValueGradient vg = value_gradient(p);
    if (!std::isfinite(vg.value) || !finite(vg.gradient)) return false;
    const bool flat = vg.gradient.norm() <= gradient_tolerance(vg.value);
    const Mat2 h = hessian(p);
    if (flat && finite(h)) {
      Eigen::SelfAdjointEigenSolver<Mat2> eigen(h);
      const double low = eigen.eigenvalues()(0), high = eigen.eigenvalues()(1);
      const double scale = std::max(std::abs(low), std::abs(high));
      const double zero = 1e-6 * scale;
      if (low > zero) {
        out = {p, vg.value, Type::minimum};
        return true;
      }
      if (low < -zero && high > zero) {
        out = {p, vg.value, Type::saddle};
        return true;
      }
      if (high < -zero) return false;  // a maximum
    }
    // Degenerate (x^4) or kinked (|x|): only the neighbourhood can tell.
    if ((flat || (m_f.may_have_kinks() && is_clarke_stationary(p, vg.value))) &&
        is_strict_local_minimum(p, vg.value)) {
      out = {p, vg.value, Type::minimum};
      return true;
    }
    return false;
  }

  // [SECTION] results
  std::vector<Found> merged(std::vector<Found> found) const {
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& a, const Found& b) { return a.value < b.value; });
    std::vector<Found> kept;
    for (const Found& f : found) {
      bool duplicate = false;
      for (const Found& k : kept)
        if ((k.at - f.at).norm() <= 1e-6 * m_diag) duplicate = true;
      if (!duplicate) kept.push_back(f);
    }
    return kept;
  }

  std::vector<CriticalPoint> classify(const std::vector<Found>& found) const {
    double lowest = kInf;
    for (const Found& f : found)
      if (f.type == Type::minimum) lowest = std::min(lowest, f.value);
    const double tolerance = 1e-9 * std::max(1.0, std::abs(lowest));
    // Global only when nothing sampled in the box is lower: else the box's lowest point
    // is on its boundary (or between samples) and every minimum found is local.
    const bool global = lowest <= m_grid.lowest + tolerance;
    std::vector<CriticalPoint> points;
    for (const Found& f : found) {
      PointKind kind = f.type == Type::saddle                    ? PointKind::saddle
                       : global && f.value <= lowest + tolerance ? PointKind::global_min
                                                                 : PointKind::local_min;
      points.push_back({f.at, f.value, kind});
    }
    std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) {
      return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    });
    return points;
  }

  const Formula& m_f;
  Box m_box;
  double m_diag;
  double m_value_ns, m_hessian_ns;  // per single-point evaluation
  double m_spent = 0;               // estimated nanoseconds so far
  Grid m_grid;
  std::vector<double> m_grid_slope;
  double m_typical_slope = 1;
};

}  // namespace

std::vector<CriticalPoint> find_critical_points(const Formula& f, const Box& box) {
  return Search(f, box).run();
}

}  // namespace descent::formula
