// Every loss a model can average: one class and one registry entry each.
#include <cmath>

#include "loss.hpp"

namespace descent {
namespace {

Eigen::ArrayXd sigmoid(const Eigen::ArrayXd& z) {
  return z.unaryExpr([](double v) {
    if (v >= 0) return 1 / (1 + std::exp(-v));
    double e = std::exp(v);
    return e / (1 + e);
  });
}

class SquaredError final : public Loss {
 public:
  double mean(const Vec2& p, const Columns& d) const override {
    return (p.x() * d.a + p.y() * d.c - d.y).square().mean();
  }
  double mean_and_slope(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y,
                        Eigen::ArrayXd& slope) const override {
    Eigen::ArrayXd r = z - y;
    slope = 2 * r;
    return r.square().mean();
  }
  Eigen::ArrayXd curvature(const Eigen::ArrayXd& z, const Eigen::ArrayXd&) const override {
    return Eigen::ArrayXd::Constant(z.size(), 2.0);
  }
};

class AbsoluteError final : public Loss {
 public:
  double mean(const Vec2& p, const Columns& d) const override {
    return (p.x() * d.a + p.y() * d.c - d.y).abs().mean();
  }
  double mean_and_slope(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y,
                        Eigen::ArrayXd& slope) const override {
    Eigen::ArrayXd r = z - y;
    slope = r.sign();  // 0 at the kink
    return r.abs().mean();
  }
  Eigen::ArrayXd curvature(const Eigen::ArrayXd& z, const Eigen::ArrayXd&) const override {
    return Eigen::ArrayXd::Zero(z.size());
  }
};

class Huber final : public Loss {
 public:
  explicit Huber(double delta) : m_delta(delta) {}
  double mean(const Vec2& p, const Columns& d) const override {
    const auto r = (p.x() * d.a + p.y() * d.c - d.y).abs();
    return (r <= m_delta).select(0.5 * r.square(), m_delta * (r - 0.5 * m_delta)).mean();
  }
  double mean_and_slope(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y,
                        Eigen::ArrayXd& slope) const override {
    Eigen::ArrayXd r = z - y, ar = r.abs();
    slope = r.cwiseMax(-m_delta).cwiseMin(m_delta);
    return (ar <= m_delta).select(0.5 * r.square(), m_delta * (ar - 0.5 * m_delta)).mean();
  }
  Eigen::ArrayXd curvature(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y) const override {
    return ((z - y).abs() <= m_delta).cast<double>();
  }

 private:
  double m_delta;
};

// In the stable form max(z, 0) - z·y + log(1 + exp(-|z|)).
class CrossEntropy final : public Loss {
 public:
  double mean(const Vec2& p, const Columns& d) const override {
    const auto z = p.x() * d.a + p.y() * d.c;
    return (z.max(0.0) - z * d.y + (-z.abs()).exp().log1p()).mean();
  }
  double mean_and_slope(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y,
                        Eigen::ArrayXd& slope) const override {
    slope = sigmoid(z) - y;
    return (z.max(0.0) - z * y + (-z.abs()).exp().log1p()).mean();
  }
  Eigen::ArrayXd curvature(const Eigen::ArrayXd& z, const Eigen::ArrayXd&) const override {
    Eigen::ArrayXd s = sigmoid(z);
    return s * (1 - s);
  }
};

template <class L>
std::function<std::shared_ptr<const Loss>(const ParamValues&)> plain() {
  return [](const ParamValues&) -> std::shared_ptr<const Loss> { return std::make_shared<L>(); };
}

std::vector<LossInfo> entries() {
  LossInfo mse{{"mse", "mean squared error: large errors dominate", {}, plain<SquaredError>()},
               "r^2",
               Task::regression};
  mse.squared_error = true;
  LossInfo mae{{"mae", "mean absolute error: robust to outliers, not smooth at r = 0", {},
                plain<AbsoluteError>()},
               "|r|",
               Task::regression};
  mae.smooth = false;
  LossInfo huber{{"huber",
                  "quadratic near 0, linear beyond delta: robust and smooth",
                  {{.key = "delta",
                    .default_value = 1,
                    .min = 0,
                    .min_open = true,
                    .ui_min = 0.05,
                    .ui_max = 20,
                    .log_scale = true,
                    .help = "where the loss turns from quadratic to linear"}},
                  [](const ParamValues& v) -> std::shared_ptr<const Loss> {
                    return std::make_shared<Huber>(v.at("delta"));
                  }},
                 "r^2/2 if |r| <= delta, else delta·(|r| - delta/2)",
                 Task::regression};
  // Cross-entropy's exp and log1p (scalar: Eigen vectorises neither for doubles) cost about 10
  // absolute or Huber errors (make bench: 12.4 against 1.5 ns a sample).
  LossInfo bce{{"bce", "binary cross-entropy of P(y=1) = σ(z)", {}, plain<CrossEntropy>()},
               "max(z,0) - z·y + log(1+exp(-|z|))",
               Task::classification};
  bce.cost = 10;
  return {mse, mae, huber, bce};
}

}  // namespace

const Registry<LossInfo>& losses() {
  static const Registry<LossInfo> all("loss", entries());
  return all;
}

}  // namespace descent
