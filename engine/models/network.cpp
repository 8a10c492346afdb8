#include "network.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "../rng.hpp"
#include "../text.hpp"

namespace descent {
namespace {

// Samples go through the layers a block at a time: a block's activations stay in cache, and
// the scratch stays small however many samples the data has. At most kBlock samples, fewer
// (down to 16) when the widest layer would make a block of more than kBlockValues numbers.
constexpr Eigen::Index kBlock = 256;
constexpr Eigen::Index kBlockValues = 16 * 1024;
// Per sample, in units of one squared error (measured against a plain squared-error loop): a
// multiply-add of a layer's product, the cross-entropy (exp and log) and the squared error
// (with the per-block overhead each loss carries).
constexpr double kMultiplyAddCost = 0.15;
constexpr double kCrossEntropyCost = 12;
constexpr double kSquaredErrorCost = 4;

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Matrix = Eigen::Map<Eigen::MatrixXd>;
using ConstMatrix = Eigen::Map<const Eigen::MatrixXd>;
using Array = Eigen::Map<Eigen::ArrayXd>;
using ConstArray = Eigen::Map<const Eigen::ArrayXd>;

std::span<double> span_of(double* data, Eigen::Index rows, Eigen::Index cols) {
  return {data, static_cast<std::size_t>(rows * cols)};
}

void check_shape(const NetworkShape& shape, std::string_view text) {
  const std::string where = cat("layers '", text, "': ");
  const auto& w = shape.widths;
  if (w.size() < 2)
    throw std::invalid_argument(where +
                                "needs at least an input and an output width, such as 2-8-1");
  if (w.front() != NetworkShape::kInputs)
    throw std::invalid_argument(cat(where, "the first width is the ", NetworkShape::kInputs,
                                    " input features, not ", w.front()));
  if (w.back() != NetworkShape::kOutputs)
    throw std::invalid_argument(
        cat(where, "the last width is the ", NetworkShape::kOutputs, " output, not ", w.back()));
  for (std::size_t l = 1; l + 1 < w.size(); ++l)
    if (w[l] < 1 || static_cast<std::size_t>(w[l]) > NetworkShape::kMaxParameters)
      throw std::invalid_argument(w[l] < 1 ? cat(where, "hidden layer ", l, " has width ", w[l],
                                                 "; hidden widths are at least 1")
                                           : cat(where, "hidden layer ", l, " has width ", w[l],
                                                 "; a network has at most ",
                                                 NetworkShape::kMaxParameters, " parameters"));
  if (const std::size_t count = shape.parameter_count(); count > NetworkShape::kMaxParameters)
    throw std::invalid_argument(
        cat(where, count, " parameters; a network has at most ", NetworkShape::kMaxParameters));
}

// What one sample costs, forward (and backward), in units of one squared error: its
// multiply-adds, its activations and its loss. Within 30% of measured for 2-4-1 to 2-32-32-1.
double sample_cost(const NetworkShape& shape, Activation activation, Task task, bool gradient) {
  double multiply_adds = 0, units = 0;
  for (int l = 0; l < shape.layer_count(); ++l) {
    multiply_adds += shape.widths[l] * shape.widths[l + 1];
    if (l + 2 < static_cast<int>(shape.widths.size())) units += shape.widths[l + 1];
  }
  const double sigma = activations().find(to_string(activation)).cost;
  const double loss = task == Task::classification ? kCrossEntropyCost : kSquaredErrorCost;
  // Backward: two products per layer to the forward's one; σ' is a multiply or two.
  return gradient ? 3 * kMultiplyAddCost * multiply_adds + (sigma + 1) * units + loss + 2
                  : kMultiplyAddCost * multiply_adds + sigma * units + loss;
}

}  // namespace

// [SECTION] NetworkShape
std::size_t NetworkShape::parameter_count() const {
  std::size_t count = 0;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l)
    count += static_cast<std::size_t>(widths[l + 1]) * (static_cast<std::size_t>(widths[l]) + 1);
  return count;
}

NetworkShape parse_network_shape(std::string_view text) {
  const std::string where = cat("layers '", text, "': ");
  if (trim(text).empty())
    throw std::invalid_argument(where +
                                "no widths; expected widths separated by '-', such as 2-8-1");
  NetworkShape shape;
  for (std::size_t start = 0;;) {
    const std::size_t dash = text.find('-', start);
    const std::string token =
        trim(text.substr(start, dash == std::string_view::npos ? dash : dash - start));
    int width = 0;
    const char* end = token.data() + token.size();
    const auto [stop, error] = std::from_chars(token.data(), end, width);
    // Digits only: from_chars also takes a leading '-', which a separator took already.
    const bool digits = !token.empty() && std::all_of(token.begin(), token.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || stop != end || (error != std::errc() && error != std::errc::result_out_of_range))
      throw std::invalid_argument(cat(where, "'", token, "' is not a width"));
    if (error == std::errc::result_out_of_range || width > 1'000'000)
      throw std::invalid_argument(cat(where, "width ", token,
                                      " is too large; a network has at most ",
                                      NetworkShape::kMaxParameters, " parameters"));
    shape.widths.push_back(width);
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  check_shape(shape, text);
  return shape;
}

std::string format_network_shape(const NetworkShape& shape) {
  std::vector<std::string> widths;
  for (int w : shape.widths) widths.push_back(std::to_string(w));
  return join(widths, "-");
}

void check_network_shape(const NetworkShape& shape) {
  check_shape(shape, format_network_shape(shape));
}

// [SECTION] Network
struct Network::Workspace {
  std::vector<double> hidden;             // each hidden layer's outputs (width x block)
  std::vector<double> delta, delta_next;  // δ of two adjacent layers (widest x block)
  std::vector<double> z, e, loss;         // a block's outputs, exp(-|z|), losses
  std::vector<double> batch_x, batch_y;   // the samples of a mini-batch, gathered

  void reserve(const NetworkShape& shape, Eigen::Index block) {
    const auto n = static_cast<std::size_t>(block);
    std::size_t hidden_size = 0, widest = 1;
    for (std::size_t l = 1; l + 1 < shape.widths.size(); ++l) {
      hidden_size += static_cast<std::size_t>(shape.widths[l]) * n;
      widest = std::max(widest, static_cast<std::size_t>(shape.widths[l]));
    }
    grow(hidden, hidden_size);
    grow(delta, widest * n);
    grow(delta_next, widest * n);
    grow(z, n);
    grow(e, n);
    grow(loss, n);
  }
  static void grow(std::vector<double>& v, std::size_t size) {
    if (v.size() < size) v.resize(size);
  }
};

Network::Workspace& Network::workspace() {
  thread_local Workspace ws;
  return ws;
}

Network::Network(NetworkShape shape, Activation activation, std::shared_ptr<const Dataset> data,
                 Task task)
    : m_shape(std::move(shape)), m_activation(activation), m_task(task), m_data(std::move(data)) {
  check_network_shape(m_shape);
  m_name = cat("mlp ", format_network_shape(m_shape), " ", to_string(m_activation));
  const Dataset* d = m_data.get();
  if (!d || d->size() == 0) throw std::invalid_argument(m_name + ": the dataset is empty");
  if (d->feature_count() != NetworkShape::kInputs)
    throw std::invalid_argument(cat(m_name, ": needs ", NetworkShape::kInputs, " features but ",
                                    d->source, " has ", d->feature_count()));
  if (m_task == Task::classification)
    for (Eigen::Index i = 0; i < d->target.size(); ++i)
      if (d->target[i] != 0 && d->target[i] != 1)
        throw std::invalid_argument(cat(d->source, ": row ", i + 1, ": label ", d->target_name,
                                        " = ", d->target[i], "; ", m_name, " needs labels 0 or 1"));
  m_x.resize(2, d->target.size());
  m_x.row(0) = d->features[0].matrix().transpose();
  m_x.row(1) = d->features[1].matrix().transpose();
  m_y = d->target;

  const int widest = *std::max_element(m_shape.widths.begin(), m_shape.widths.end());
  m_block = std::clamp<Eigen::Index>(kBlockValues / widest, 16, kBlock);
  Eigen::Index at = 0, hidden_at = 0;
  for (int l = 0; l < m_shape.layer_count(); ++l) {
    const Eigen::Index in = m_shape.widths[l], out = m_shape.widths[l + 1];
    m_weights_at.push_back(at);
    m_bias_at.push_back(at + out * in);
    at += out * (in + 1);
    if (l + 1 < m_shape.layer_count()) {
      m_hidden_at.push_back(hidden_at);
      hidden_at += out * m_block;
    }
  }
  m_dimension = at;
}

void Network::check_dimension(std::size_t size) const {
  if (size != static_cast<std::size_t>(m_dimension))
    throw std::invalid_argument(cat(m_name, ": takes ", m_dimension, " parameters, not ", size));
}

void Network::forward(const VecX& p, const double* x, Eigen::Index n, Workspace& ws) const {
  const int layers = m_shape.layer_count();
  const double* in = x;
  Eigen::Index in_width = NetworkShape::kInputs;
  for (int l = 0; l < layers; ++l) {
    const Eigen::Index out_width = m_shape.widths[l + 1];
    const bool hidden = l + 1 < layers;
    double* out = hidden ? ws.hidden.data() + m_hidden_at[l] : ws.z.data();
    const double* w = p.data() + m_weights_at[l];
    const double* b = p.data() + m_bias_at[l];
    if (l == 0) {
      // Two inputs: W·x + b in one pass beats a product over a depth of 2.
      for (Eigen::Index j = 0; j < n; ++j) {
        const double x0 = in[2 * j], x1 = in[2 * j + 1];
        double* column = out + j * out_width;
        for (Eigen::Index o = 0; o < out_width; ++o)
          column[o] = w[2 * o] * x0 + w[2 * o + 1] * x1 + b[o];
      }
    } else {
      Matrix h(out, out_width, n);
      h.noalias() =
          Eigen::Map<const RowMajorMatrix>(w, out_width, in_width) * ConstMatrix(in, in_width, n);
      h.colwise() += Eigen::Map<const Eigen::VectorXd>(b, out_width);
    }
    if (hidden) {
      activate(m_activation, span_of(out, out_width, n));
      in = out;
      in_width = out_width;
    }
  }
}

void Network::backward(const VecX& p, const double* x, Eigen::Index n, Workspace& ws,
                       VecX& gradient) const {
  double* delta = ws.delta.data();
  double* delta_next = ws.delta_next.data();
  for (int l = m_shape.layer_count() - 1; l >= 0; --l) {
    const Eigen::Index in_width = m_shape.widths[l], out_width = m_shape.widths[l + 1];
    const double* in = l == 0 ? x : ws.hidden.data() + m_hidden_at[l - 1];
    ConstMatrix d(delta, out_width, n), h_in(in, in_width, n);
    Eigen::Map<RowMajorMatrix> dw(gradient.data() + m_weights_at[l], out_width, in_width);
    dw.noalias() += d * h_in.transpose();
    gradient.segment(m_bias_at[l], out_width) += d.rowwise().sum();
    if (l == 0) break;
    Eigen::Map<const RowMajorMatrix> w(p.data() + m_weights_at[l], out_width, in_width);
    Matrix d_in(delta_next, in_width, n);
    if (out_width == 1)  // the output layer: an outer product, not a product over a depth of 1
      d_in.noalias() = w.row(0).transpose() * d.row(0);
    else
      d_in.noalias() = w.transpose() * d;
    const auto size = static_cast<std::size_t>(in_width * n);
    multiply_by_derivative(m_activation, {in, size}, {delta_next, size});
    std::swap(delta, delta_next);
  }
}

double Network::block_loss(Eigen::Index n, const double* y, Workspace& ws, double* slope,
                           double per_sample) const {
  const double* z = ws.z.data();
  double* e = ws.e.data();
  double* loss = ws.loss.data();
  if (classifier()) {
    Array(e, n) = (-ConstArray(z, n).abs()).exp();
    Array(loss, n) = (Array(e, n) + 1).log();
    for (Eigen::Index i = 0; i < n; ++i) {
      // log(1 + e) to full precision for small e (Kahan): log(u)·e/(u - 1), u = 1 + e.
      const double u = 1 + e[i], log1p_e = u == 1 ? e[i] : loss[i] * e[i] / (u - 1);
      loss[i] = (z[i] > 0 ? z[i] : 0.0) - z[i] * y[i] + log1p_e;
    }
    if (slope)  // σ(z) - y
      for (Eigen::Index i = 0; i < n; ++i)
        slope[i] = ((z[i] >= 0 ? 1.0 : e[i]) / (1 + e[i]) - y[i]) * per_sample;
  } else {
    for (Eigen::Index i = 0; i < n; ++i) loss[i] = (z[i] - y[i]) * (z[i] - y[i]);
    if (slope)
      for (Eigen::Index i = 0; i < n; ++i) slope[i] = 2 * (z[i] - y[i]) * per_sample;
  }
  return ConstArray(loss, n).sum();
}

double Network::evaluate(const VecX& p, const double* x, const double* y, Eigen::Index n,
                         VecX* gradient) const {
  Workspace& ws = workspace();
  ws.reserve(m_shape, m_block);
  if (gradient) gradient->setZero(m_dimension);
  const double per_sample = 1.0 / static_cast<double>(n);
  double total = 0;
  for (Eigen::Index at = 0; at < n; at += m_block) {
    const Eigen::Index m = std::min(m_block, n - at);
    const double* block_x = x + 2 * at;
    forward(p, block_x, m, ws);
    total += block_loss(m, y + at, ws, gradient ? ws.delta.data() : nullptr, per_sample);
    if (gradient) backward(p, block_x, m, ws, *gradient);
  }
  return total * per_sample;
}

double Network::value(const VecX& p) const {
  check_dimension(static_cast<std::size_t>(p.size()));
  return evaluate(p, m_x.data(), m_y.data(), m_y.size(), nullptr);
}

BasicValueGradient<VecX> Network::value_gradient(const VecX& p) const {
  check_dimension(static_cast<std::size_t>(p.size()));
  BasicValueGradient<VecX> out{0, VecX()};
  out.value = evaluate(p, m_x.data(), m_y.data(), m_y.size(), &out.gradient);
  return out;
}

BasicValueGradient<VecX> Network::batch_value_gradient(const VecX& p,
                                                       std::span<const std::uint32_t> batch) const {
  check_dimension(static_cast<std::size_t>(p.size()));
  if (batch.empty()) throw std::invalid_argument(m_name + ": a loss over no samples is undefined");
  Workspace& ws = workspace();
  ws.batch_x.resize(2 * batch.size());
  ws.batch_y.resize(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::uint32_t sample = batch[i];
    if (sample >= sample_count())
      throw std::invalid_argument(
          cat(m_name, ": batch sample ", sample, " is past the last, ", sample_count() - 1));
    ws.batch_x[2 * i] = m_x(0, sample);
    ws.batch_x[2 * i + 1] = m_x(1, sample);
    ws.batch_y[i] = m_y[sample];
  }
  BasicValueGradient<VecX> out{0, VecX()};
  out.value = evaluate(p, ws.batch_x.data(), ws.batch_y.data(),
                       static_cast<Eigen::Index>(batch.size()), &out.gradient);
  return out;
}

// [SECTION] predictions, diagnostics, initialisation
void Network::predict(const VecX& p, std::span<const Vec2> points, std::span<double> out) const {
  check_dimension(static_cast<std::size_t>(p.size()));
  if (out.size() != points.size())
    throw std::invalid_argument(
        cat(m_name, ": ", points.size(), " points but room for ", out.size(), " predictions"));
  Workspace& ws = workspace();
  ws.reserve(m_shape, m_block);
  const auto n = static_cast<Eigen::Index>(points.size());
  for (Eigen::Index at = 0; at < n; at += m_block) {
    const Eigen::Index m = std::min(m_block, n - at);
    forward(p, points[static_cast<std::size_t>(at)].data(), m, ws);
    const double* z = ws.z.data();
    double* result = out.data() + at;
    if (classifier()) {
      double* e = ws.e.data();
      Array(e, m) = (-ConstArray(z, m).abs()).exp();
      for (Eigen::Index i = 0; i < m; ++i) result[i] = (z[i] >= 0 ? 1.0 : e[i]) / (1 + e[i]);
    } else {
      std::copy(z, z + m, result);
    }
  }
}

double Network::predict(const VecX& p, std::span<const double> features) const {
  if (features.size() != NetworkShape::kInputs)
    throw std::invalid_argument(
        cat(m_name, ": takes ", NetworkShape::kInputs, " features, not ", features.size()));
  const Vec2 point(features[0], features[1]);
  double out = 0;
  predict(p, std::span<const Vec2>(&point, 1), std::span<double>(&out, 1));
  return out;
}

std::vector<double> Network::layer_gradient_norms(const VecX& gradient) const {
  check_dimension(static_cast<std::size_t>(gradient.size()));
  std::vector<double> norms;
  for (int l = 0; l < m_shape.layer_count(); ++l)
    norms.push_back(gradient.segment(m_weights_at[l], m_bias_at[l] - m_weights_at[l]).norm());
  return norms;
}

VecX Network::initial_parameters(std::uint64_t seed) const {
  Rng rng(seed);
  VecX p(m_dimension);
  for (int l = 0; l < m_shape.layer_count(); ++l) {
    const double bound = 1 / std::sqrt(static_cast<double>(m_shape.widths[l]));
    const Eigen::Index end = m_bias_at[l] + m_shape.widths[l + 1];
    for (Eigen::Index i = m_weights_at[l]; i < end; ++i) p[i] = rng.uniform(-bound, bound);
  }
  return p;
}

// [SECTION] costs
double Network::evaluation_cost() const {
  return static_cast<double>(sample_count()) * sample_cost(m_shape, m_activation, m_task, false);
}

double Network::gradient_cost() const {
  return static_cast<double>(sample_count()) * sample_cost(m_shape, m_activation, m_task, true);
}

}  // namespace descent
