#include "glm.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include <Eigen/LU>

#include "../text.hpp"

namespace descent {
namespace {

constexpr double kPi = std::numbers::pi;

double sigmoid(double z) {
  return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

Eigen::ArrayXd gather(const Eigen::ArrayXd& from, std::span<const std::uint32_t> indices) {
  Eigen::ArrayXd out(static_cast<Eigen::Index>(indices.size()));
  for (std::size_t i = 0; i < indices.size(); ++i)
    out[static_cast<Eigen::Index>(i)] = from[indices[i]];
  return out;
}

// Derivative-free minimisation for the non-smooth losses (absolute error, L1): Nelder-Mead
// from `start`, restarted once from its result so a kink cannot stall it.
template <class F>
Vec2 nelder_mead(const F& f, Vec2 start, double step) {
  for (int round = 0; round < 2; ++round) {
    std::array<Vec2, 3> x{start, start + Vec2(step, 0), start + Vec2(0, step)};
    std::array<double, 3> v{f(x[0]), f(x[1]), f(x[2])};
    for (int iteration = 0; iteration < 2000; ++iteration) {
      std::array<int, 3> order{0, 1, 2};
      std::sort(order.begin(), order.end(), [&](int i, int j) { return v[i] < v[j]; });
      const int best = order[0], mid = order[1], worst = order[2];
      if ((x[worst] - x[best]).norm() < 1e-11 * (1 + x[best].norm())) break;
      Vec2 centre = (x[best] + x[mid]) / 2;
      Vec2 reflected = centre + (centre - x[worst]);
      double fr = f(reflected);
      if (fr < v[best]) {
        Vec2 expanded = centre + 2 * (centre - x[worst]);
        double fe = f(expanded);
        if (fe < fr)
          x[worst] = expanded, v[worst] = fe;
        else
          x[worst] = reflected, v[worst] = fr;
      } else if (fr < v[mid]) {
        x[worst] = reflected, v[worst] = fr;
      } else {
        Vec2 contracted = centre + 0.5 * (x[worst] - centre);
        double fc = f(contracted);
        if (fc < v[worst]) {
          x[worst] = contracted, v[worst] = fc;
        } else {
          for (int i : {mid, worst}) x[i] = x[best] + 0.5 * (x[i] - x[best]), v[i] = f(x[i]);
        }
      }
    }
    start = x[std::min_element(v.begin(), v.end()) - v.begin()];
    step = std::max(step * 1e-3, 1e-6 * (1 + start.norm()));
  }
  return start;
}

// Whether some p gives every sample the sign of its label: p·(a, c) > 0 for label 1, < 0 for
// label 0. Then the cross-entropy keeps falling as |p| grows and has no minimum. Flip the
// label-0 points through the origin: separable exactly when all points fit in a half-plane,
// i.e. when the widest angular gap between them is at least π.
bool separable(const Eigen::ArrayXd& a, const Eigen::ArrayXd& c, const Eigen::ArrayXd& y) {
  std::vector<double> angles;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (a[i] == 0 && c[i] == 0) continue;  // z = 0 whatever p is
    double sign = y[i] == 1 ? 1 : -1;
    angles.push_back(std::atan2(sign * c[i], sign * a[i]));
  }
  if (angles.empty()) return false;
  std::sort(angles.begin(), angles.end());
  double widest = angles.front() + 2 * kPi - angles.back();
  for (std::size_t i = 1; i < angles.size(); ++i)
    widest = std::max(widest, angles[i] - angles[i - 1]);
  return widest >= kPi - 1e-12;
}

}  // namespace

GlmObjective::GlmObjective(const ModelInfo& model, bool standardize, const ModelParts& parts)
    : m_model(model),
      m_standardize(standardize),
      m_loss_info(parts.loss_info),
      m_loss(parts.loss),
      m_penalty(parts.penalty),
      m_data(parts.data) {
  const Dataset& d = *m_data;
  for (int j = 0; j < d.feature_count(); ++j) {
    const Eigen::ArrayXd& x = d.features[static_cast<std::size_t>(j)];
    if (standardize) {
      double mean = x.mean(), sd = std::sqrt((x - mean).square().mean());
      if (!(sd > 0))
        throw std::invalid_argument(cat(d.source, ": feature ",
                                        d.feature_names[static_cast<std::size_t>(j)],
                                        " is constant; it cannot be standardised"));
      m_shift[j] = mean, m_scale[j] = sd;
    }
  }
  auto design = [&](int j) {
    return Eigen::ArrayXd((d.features[static_cast<std::size_t>(j)] - m_shift[j]) / m_scale[j]);
  };
  m_a = design(0);
  m_c = model.features == 2 ? design(1) : Eigen::ArrayXd::Ones(m_a.size());
  m_y = d.target;
  compute_moments();
  describe(find_minimum());
}

void GlmObjective::compute_moments() {
  m_ma = m_a.mean(), m_mc = m_c.mean(), m_my = m_y.mean();
  const Eigen::ArrayXd a = m_a - m_ma, c = m_c - m_mc,
                       y = m_y - m_my;  // two passes: no cancellation
  m_aa = (a * a).mean(), m_ac = (a * c).mean(), m_cc = (c * c).mean();
  m_ay = (a * y).mean(), m_cy = (c * y).mean(), m_yy = (y * y).mean();
}

GlmObjective::GlmObjective(const GlmObjective& parent, std::span<const std::uint32_t> samples)
    : m_model(parent.m_model),
      m_standardize(parent.m_standardize),
      m_loss_info(parent.m_loss_info),
      m_loss(parent.m_loss),
      m_penalty(parent.m_penalty),
      m_data(parent.m_data) {
  m_shift[0] = parent.m_shift[0], m_shift[1] = parent.m_shift[1];
  m_scale[0] = parent.m_scale[0], m_scale[1] = parent.m_scale[1];
  m_a = gather(parent.m_a, samples);
  m_c = gather(parent.m_c, samples);
  m_y = gather(parent.m_y, samples);
  compute_moments();
  describe(std::nullopt);  // a mini-batch's surface is for looking at: no minimum search
  m_info.name += " (mini-batch)";
}

std::shared_ptr<const Objective> GlmObjective::restricted(
    std::span<const std::uint32_t> samples) const {
  if (samples.empty())
    throw std::invalid_argument(m_info.name + ": a loss over no samples is undefined");
  return std::shared_ptr<const Objective>(new GlmObjective(*this, samples));
}

// [SECTION] evaluation
ValueGradient GlmObjective::evaluate(const Vec2& p, const Columns& d) const {
  const Eigen::ArrayXd z = p.x() * d.a + p.y() * d.c;
  Eigen::ArrayXd slope;  // ℓ'(z, y)
  ValueGradient out{m_loss->mean_and_slope(z, d.y, slope), Vec2::Zero()};
  out.gradient = Vec2((slope * d.a).mean(), (slope * d.c).mean());
  add_penalty(p, out.value, &out.gradient, nullptr);
  return out;
}

void GlmObjective::add_penalty(const Vec2& p, double& value, Vec2* gradient, Mat2* hessian) const {
  if (!m_penalty) return;
  for (int j = 0; j < penalised(); ++j) {
    value += m_penalty->value(p[j]);
    if (gradient) (*gradient)[j] += m_penalty->slope(p[j]);
    if (hessian) (*hessian)(j, j) += m_penalty->curvature(p[j]);
  }
}

double GlmObjective::value(const Vec2& p) const {
  double value = m_loss->mean(p, {m_a, m_c, m_y});
  add_penalty(p, value, nullptr, nullptr);
  return value;
}

ValueGradient GlmObjective::value_gradient(const Vec2& p) const {
  return evaluate(p, {m_a, m_c, m_y});
}

ValueGradient GlmObjective::batch_value_gradient(const Vec2& p,
                                                 std::span<const std::uint32_t> batch) const {
  if (batch.empty())
    throw std::invalid_argument(m_info.name + ": a loss over no samples is undefined");
  // Gathered in index order: a batch of every sample computes exactly what the full loss does.
  const Eigen::ArrayXd a = gather(m_a, batch), c = gather(m_c, batch), y = gather(m_y, batch);
  return evaluate(p, {a, c, y});
}

std::optional<Mat2> GlmObjective::hessian(const Vec2& p) const {
  const Eigen::ArrayXd z = p.x() * m_a + p.y() * m_c;
  const Eigen::ArrayXd curvature = m_loss->curvature(z, m_y);  // ℓ''(z, y)
  Mat2 h;
  h(0, 0) = (curvature * m_a.square()).mean();
  h(0, 1) = h(1, 0) = (curvature * m_a * m_c).mean();
  h(1, 1) = (curvature * m_c.square()).mean();
  double ignored = 0;
  add_penalty(p, ignored, nullptr, &h);
  return h;
}

double GlmObjective::gradient_cost() const {
  return m_loss_info.cost * static_cast<double>(m_y.size());
}

double GlmObjective::evaluation_cost() const {
  // Squared error comes from moments in O(1); the others take a pass over the samples.
  return m_loss_info.squared_error ? 1 : gradient_cost();
}

double GlmObjective::predict(const Vec2& p, std::span<const double> features) const {
  const double a = (features[0] - m_shift[0]) / m_scale[0];
  const double c = m_model.features == 2 ? (features[1] - m_shift[1]) / m_scale[1] : 1.0;
  const double z = p.x() * a + p.y() * c;
  return classifier() ? sigmoid(z) : z;
}

void GlmObjective::values(std::span<const Vec2> points, std::span<double> out) const {
  if (!m_loss_info.squared_error) {
    for (std::size_t i = 0; i < points.size(); ++i) out[i] = value(points[i]);
    return;
  }
  // Squared error from moments: mean(r)^2 + var(r), both in O(1). Centred moments keep it
  // accurate to display precision; runs use the per-sample loss, as PyTorch does.
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double w = points[i].x(), b = points[i].y();
    double mean = w * m_ma + b * m_mc - m_my;
    double var =
        w * w * m_aa + 2 * w * b * m_ac + b * b * m_cc - 2 * w * m_ay - 2 * b * m_cy + m_yy;
    out[i] = mean * mean + std::max(var, 0.0);
    add_penalty(points[i], out[i], nullptr, nullptr);
  }
}

// [SECTION] metadata and the known minimum
std::optional<Vec2> GlmObjective::find_minimum() const {
  const double n = static_cast<double>(m_y.size());
  const bool smooth_penalty = !m_penalty || m_penalty->smooth();
  // The penalty's curvature at 0: L2's 2λ, exact for a quadratic penalty.
  const double ridge = smooth_penalty && m_penalty ? m_penalty->curvature(0) / 2 : 0;
  // The (ridge) least-squares fit: exact for squared error and a quadratic penalty, a start
  // for the others.
  Mat2 gram;
  gram << (m_a * m_a).sum() / n + ridge, (m_a * m_c).sum() / n, (m_a * m_c).sum() / n,
      (m_c * m_c).sum() / n + (penalised() == 2 ? ridge : 0);
  Vec2 rhs((m_a * m_y).sum() / n, (m_c * m_y).sum() / n);
  std::optional<Vec2> least_squares;
  if (std::abs(gram.determinant()) >
      1e-12 * gram.cwiseAbs().maxCoeff() * gram.cwiseAbs().maxCoeff())
    least_squares = gram.inverse() * rhs;
  if (m_loss_info.squared_error && smooth_penalty) return least_squares;

  const bool classes = m_loss_info.task == Task::classification;
  if (classes && !m_penalty && separable(m_a, m_c, m_y)) return std::nullopt;
  Vec2 p = classes || !least_squares ? Vec2::Zero() : *least_squares;
  const bool smooth = m_loss_info.smooth && smooth_penalty;
  if (smooth || classes) {
    // Damped Newton, Levenberg-regularised where the curvature vanishes.
    for (int i = 0; i < 100; ++i) {
      ValueGradient e = value_gradient(p);
      if (e.gradient.norm() < 1e-12 * (1 + std::abs(e.value))) break;
      Mat2 h = *hessian(p) + Mat2::Identity() * (1e-9 + 1e-6 * e.gradient.norm());
      Vec2 step = h.inverse() * e.gradient;
      double t = 1;
      while (t > 1e-12 && !(value(p - t * step) < e.value)) t /= 2;
      // No decrease left: as close as doubles get. Over many samples the gradient's rounding
      // noise stays above the tolerance, and the search would halve in vain every iteration.
      if (t <= 1e-12) break;
      p -= t * step;
      // Separable classes without a penalty: the loss keeps falling as |p| grows.
      if (p.norm() > 1e4) return std::nullopt;
    }
    if (smooth)
      return value_gradient(p).gradient.norm() < 1e-7 * (1 + std::abs(value(p))) ? std::optional(p)
                                                                                 : std::nullopt;
  }
  return nelder_mead([this](const Vec2& q) { return value(q); }, p, 0.25 * (1 + p.norm()));
}

void GlmObjective::describe(std::optional<Vec2> minimum) {
  const Dataset& d = *m_data;
  auto feature = [&](int j) {
    std::string name = d.feature_names[static_cast<std::size_t>(j)];
    return m_standardize ? "standardised " + name : name;
  };
  const bool classes = m_loss_info.task == Task::classification;
  std::string penalty;
  if (m_penalty)
    penalty = " + " + m_penalty->describe(penalised() == 1 ? std::vector<std::string>{"w"}
                                                           : std::vector<std::string>{"w1", "w2"});
  m_info.name = m_model.name + "_" + m_loss_info.name;
  m_info.description =
      cat(m_model.description, ", ", m_loss_info.description, " (", d.source, ")");
  m_info.formula = cat("mean of ", m_loss_info.formula, " over ", m_y.size(), " samples, z = ",
                       m_model.prediction, classes ? "" : ", r = z - y", penalty);
  m_info.x_label =
      m_model.features == 1
          ? cat(m_model.param_x, m_standardize ? " per std of " + d.feature_names[0] : "")
          : cat(m_model.param_x, " (", feature(0), ")");
  m_info.y_label =
      m_model.features == 1 ? m_model.param_y : cat(m_model.param_y, " (", feature(1), ")");
  m_info.critical_points.clear();
  Vec2 centre = Vec2::Zero();
  if (minimum) {
    centre = *minimum;
    m_info.critical_points.push_back({centre, value(centre), PointKind::global_min});
  }
  double span = 2 + 1.5 * std::max(std::abs(centre.x()), std::abs(centre.y()));
  m_info.view = {centre.x() - span, centre.x() + span, centre.y() - span, centre.y() + span};
  m_info.start = centre + Vec2(-0.8 * span, 0.6 * span);
}

}  // namespace descent
