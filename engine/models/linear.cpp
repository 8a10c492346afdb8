// Linear regression y ≈ w·x + b, mean squared error over the dataset:
//   L(w, b) = mean_i (w·x_i + b - y_i)^2
//   dL/dw = 2·mean(r_i·x_i),  dL/db = 2·mean(r_i),  with r_i = w·x_i + b - y_i
// A convex quadratic; its minimum is the least-squares fit.
#include <stdexcept>

#include "../text.hpp"
#include "all.hpp"

namespace descent {
namespace {

class LinearMse final : public Objective {
 public:
  explicit LinearMse(std::shared_ptr<const Dataset> data) : m_data(std::move(data)) {
    const auto& x = m_data->x;
    const auto& y = m_data->y;
    m_info = {"linear_mse",
              "Linear regression y = w·x + b, mean squared error",
              "mean (w·x + b - y)^2",
              "w (slope)",
              "b (intercept)",
              {},
              {},
              {}};
    double var_x = (x - x.mean()).square().mean();
    Vec2 centre = Vec2::Zero();
    if (var_x > 0) {
      double w = ((x - x.mean()) * (y - y.mean())).mean() / var_x;
      centre = Vec2(w, y.mean() - w * x.mean());
      m_info.critical_points.push_back({centre, value(centre), PointKind::global_min});
    }
    m_info.view = model_view(centre);
    m_info.start = model_start(centre);
  }

  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override {
    return (p.x() * m_data->x + p.y() - m_data->y).square().mean();
  }
  ValueGradient value_gradient(const Vec2& p) const override {
    Eigen::ArrayXd r = p.x() * m_data->x + p.y() - m_data->y;
    return {r.square().mean(), Vec2(2 * (r * m_data->x).mean(), 2 * r.mean())};
  }
  std::optional<Mat2> hessian(const Vec2&) const override {
    const auto& x = m_data->x;
    Mat2 h;
    h << 2 * x.square().mean(), 2 * x.mean(), 2 * x.mean(), 2;
    return h;
  }
  std::size_t sample_count() const override { return m_data->size(); }

 private:
  std::shared_ptr<const Dataset> m_data;
  ObjectiveInfo m_info;
};

}  // namespace

ModelInfo linear_mse_model() {
  return {"linear_mse", "Linear regression y = w·x + b with mean squared error",
          "mean (w·x + b - y)^2", [](std::shared_ptr<const Dataset> data) {
            if (!data || data->size() == 0)
              throw std::invalid_argument("linear_mse: the dataset is empty");
            return std::shared_ptr<const Objective>(std::make_shared<LinearMse>(std::move(data)));
          }};
}

}  // namespace descent
