// Logistic regression on one feature, binary cross-entropy over the dataset (labels 0 or 1):
//   z_i = w·x_i + b,  L(w, b) = mean_i [max(z_i, 0) - z_i·y_i + log(1 + exp(-|z_i|))]
//   (the overflow-free form of -[y log σ(z) + (1-y) log(1-σ(z))])
//   dL/dw = mean((σ(z_i) - y_i)·x_i),  dL/db = mean(σ(z_i) - y_i)
// Convex; the minimum exists unless the classes are separable (then w grows forever).
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/LU>

#include "../text.hpp"
#include "all.hpp"

namespace descent {
namespace {

Eigen::ArrayXd sigmoid(const Eigen::ArrayXd& z) {
  return z.unaryExpr([](double v) {
    if (v >= 0) return 1 / (1 + std::exp(-v));
    double e = std::exp(v);
    return e / (1 + e);
  });
}

class LogisticBce final : public Objective {
 public:
  explicit LogisticBce(std::shared_ptr<const Dataset> data) : m_data(std::move(data)) {
    m_info = {"logistic_bce",
              "Logistic regression P(y=1) = σ(w·x + b), cross-entropy",
              "mean [max(z,0) - z·y + log(1+exp(-|z|))], z = w·x + b",
              "w (weight)",
              "b (bias)",
              {},
              {},
              {}};
    Vec2 centre = Vec2::Zero();
    if (auto minimum = newton_minimum()) {
      centre = *minimum;
      m_info.critical_points.push_back({centre, value(centre), PointKind::global_min});
    }
    m_info.view = model_view(centre);
    m_info.start = model_start(centre);
  }

  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override {
    Eigen::ArrayXd z = p.x() * m_data->x + p.y();
    return (z.max(0.0) - z * m_data->y + (-z.abs()).exp().log1p()).mean();
  }
  ValueGradient value_gradient(const Vec2& p) const override {
    Eigen::ArrayXd z = p.x() * m_data->x + p.y();
    double loss = (z.max(0.0) - z * m_data->y + (-z.abs()).exp().log1p()).mean();
    Eigen::ArrayXd r = sigmoid(z) - m_data->y;
    return {loss, Vec2((r * m_data->x).mean(), r.mean())};
  }
  std::optional<Mat2> hessian(const Vec2& p) const override {
    Eigen::ArrayXd s = sigmoid(p.x() * m_data->x + p.y());
    Eigen::ArrayXd c = s * (1 - s);
    Mat2 h;
    h << (c * m_data->x.square()).mean(), (c * m_data->x).mean(), (c * m_data->x).mean(), c.mean();
    return h;
  }
  std::size_t sample_count() const override { return m_data->size(); }

 private:
  // When a threshold on x separates the classes (or there is one class), the loss keeps
  // falling as |w| or |b| grows: there is no finite minimum.
  bool separable() const {
    const auto& x = m_data->x;
    const auto& y = m_data->y;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double max0 = (y == 0).select(x, -kInf).maxCoeff(), min0 = (y == 0).select(x, kInf).minCoeff();
    double max1 = (y == 1).select(x, -kInf).maxCoeff(), min1 = (y == 1).select(x, kInf).minCoeff();
    return max0 <= min1 || max1 <= min0;
  }

  // Damped Newton from the origin; none when the classes are separable.
  std::optional<Vec2> newton_minimum() const {
    if (separable()) return std::nullopt;
    Vec2 p = Vec2::Zero();
    for (int i = 0; i < 100; ++i) {
      Vec2 g = value_gradient(p).gradient;
      if (g.norm() < 1e-12) return p;
      Mat2 h = *hessian(p);
      if (std::abs(h.determinant()) < 1e-300) return std::nullopt;
      Vec2 step = h.inverse() * g;
      double t = 1, f = value(p);
      while (t > 1e-10 && !(value(p - t * step) <= f)) t /= 2;
      p -= t * step;
      if (p.norm() > 1e6) return std::nullopt;
    }
    return value_gradient(p).gradient.norm() < 1e-8 ? std::optional<Vec2>(p) : std::nullopt;
  }

  std::shared_ptr<const Dataset> m_data;
  ObjectiveInfo m_info;
};

}  // namespace

ModelInfo logistic_bce_model() {
  return {"logistic_bce", "Logistic regression on one feature with binary cross-entropy",
          "mean [max(z,0) - z·y + log(1+exp(-|z|))], z = w·x + b",
          [](std::shared_ptr<const Dataset> data) {
            if (!data || data->size() == 0)
              throw std::invalid_argument("logistic_bce: the dataset is empty");
            for (Eigen::Index i = 0; i < data->y.size(); ++i)
              if (data->y[i] != 0 && data->y[i] != 1)
                throw std::invalid_argument(cat(data->source, ": row ", i + 1, ": label y = ",
                                                data->y[i], "; logistic_bce needs labels 0 or 1"));
            return std::shared_ptr<const Objective>(std::make_shared<LogisticBce>(std::move(data)));
          }};
}

}  // namespace descent
