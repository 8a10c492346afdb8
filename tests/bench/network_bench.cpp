// One full-batch training step of a 2-16-16-1 tanh network on 1,000 samples (gradient + Adam),
// engine (Network + BasicOptimizer<VecX>) vs a hand-written loop doing the same arithmetic.
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

#include "dataset.hpp"
#include "models/network.hpp"
#include "optimizer.hpp"
#include "rng.hpp"

namespace {

using descent::VecX;

constexpr int kSamples = 1000;
constexpr int kHidden = 16;
// Every run restarts after this many steps, so that each benchmark measures the same stretch.
constexpr int kRestart = 1000;

// Two features in [-2, 2]^2, labelled by a circle.
std::shared_ptr<const descent::Dataset> circle_data() {
  descent::Rng rng(7);
  auto data = std::make_shared<descent::Dataset>();
  data->source = std::string("circle");
  data->feature_names = {"x1", "x2"};
  data->features.assign(2, Eigen::ArrayXd(kSamples));
  data->target_name = std::string("y");
  data->target.resize(kSamples);
  for (int i = 0; i < kSamples; ++i) {
    const double a = rng.uniform(-2, 2), b = rng.uniform(-2, 2);
    data->features[0][i] = a;
    data->features[1][i] = b;
    data->target[i] = a * a + b * b < 1.5 ? 1 : 0;
  }
  return data;
}

const descent::Network& network(descent::Activation activation = descent::Activation::tanh) {
  static const auto data = circle_data();
  static const descent::Network tanh(descent::parse_network_shape("2-16-16-1"),
                                     descent::Activation::tanh, data);
  static const descent::Network relu(descent::parse_network_shape("2-16-16-1"),
                                     descent::Activation::relu, data);
  static const descent::Network sigmoid(descent::parse_network_shape("2-16-16-1"),
                                        descent::Activation::sigmoid, data);
  return activation == descent::Activation::relu      ? relu
         : activation == descent::Activation::sigmoid ? sigmoid
                                                      : tanh;
}

// The baseline: the network, its cross-entropy, backprop and Adam as anyone would write them,
// sample by sample and neuron by neuron, in the engine's parameter layout.
void network_baseline_handwritten_adam(benchmark::State& state) {
  const descent::Network& net = network();
  const descent::Dataset& data = net.data();
  const VecX start = net.initial_parameters(1);
  const int n = static_cast<int>(start.size());
  std::vector<double> p(start.data(), start.data() + n), g(n), m(n), v(n);
  constexpr int kW1 = 0, kB1 = 2 * kHidden, kW2 = kB1 + kHidden, kB2 = kW2 + kHidden * kHidden,
                kW3 = kB2 + kHidden, kB3 = kW3 + kHidden;
  const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  long t = 0;
  for (auto _ : state) {
    if (t == kRestart) {
      std::copy(start.data(), start.data() + n, p.begin());
      std::fill(m.begin(), m.end(), 0.0);
      std::fill(v.begin(), v.end(), 0.0);
      t = 0;
    }
    std::fill(g.begin(), g.end(), 0.0);
    double loss = 0;
    for (int i = 0; i < kSamples; ++i) {
      const double x[2] = {data.features[0][i], data.features[1][i]}, y = data.target[i];
      std::array<double, kHidden> h1, h2, d2;
      for (int j = 0; j < kHidden; ++j)
        h1[j] = std::tanh(p[kW1 + 2 * j] * x[0] + p[kW1 + 2 * j + 1] * x[1] + p[kB1 + j]);
      for (int k = 0; k < kHidden; ++k) {
        double u = p[kB2 + k];
        for (int j = 0; j < kHidden; ++j) u += p[kW2 + kHidden * k + j] * h1[j];
        h2[k] = std::tanh(u);
      }
      double z = p[kB3];
      for (int k = 0; k < kHidden; ++k) z += p[kW3 + k] * h2[k];
      loss += std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z)));
      const double dz = (1 / (1 + std::exp(-z)) - y) / kSamples;
      g[kB3] += dz;
      for (int k = 0; k < kHidden; ++k) {
        g[kW3 + k] += dz * h2[k];
        d2[k] = dz * p[kW3 + k] * (1 - h2[k] * h2[k]);
        g[kB2 + k] += d2[k];
        for (int j = 0; j < kHidden; ++j) g[kW2 + kHidden * k + j] += d2[k] * h1[j];
      }
      for (int j = 0; j < kHidden; ++j) {
        double d1 = 0;
        for (int k = 0; k < kHidden; ++k) d1 += p[kW2 + kHidden * k + j] * d2[k];
        d1 *= 1 - h1[j] * h1[j];
        g[kW1 + 2 * j] += d1 * x[0];
        g[kW1 + 2 * j + 1] += d1 * x[1];
        g[kB1 + j] += d1;
      }
    }
    ++t;
    const double step = lr / (1 - std::pow(b1, static_cast<double>(t)));
    const double bc2 = std::sqrt(1 - std::pow(b2, static_cast<double>(t)));
    for (int i = 0; i < n; ++i) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      p[i] -= step * m[i] / (std::sqrt(v[i]) / bc2 + eps);
    }
    benchmark::DoNotOptimize(loss);
    benchmark::DoNotOptimize(p.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(network_baseline_handwritten_adam)->Name("network/baseline_handwritten_adam");

// The engine's path: the network's gradient through its interface, the registry's Adam.
void network_engine_adam(benchmark::State& state) {
  const descent::Network& net = network();
  const VecX start = net.initial_parameters(1);
  descent::BasicOptimizer<VecX> optimizer(descent::parse_optimizer_spec("adam:lr=0.001"));
  VecX p = start;
  int t = 0;
  for (auto _ : state) {
    if (t++ == kRestart) p = start, optimizer.reset(), t = 1;
    auto e = net.value_gradient(p);
    optimizer.step(p, std::move(e.gradient));
    benchmark::DoNotOptimize(p.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(network_engine_adam)->Name("network/engine_adam_tanh");

// The parts: the gradient alone, for each activation, and the loss alone.
void network_value_gradient(benchmark::State& state, descent::Activation activation) {
  const descent::Network& net = network(activation);
  const VecX p = net.initial_parameters(1);
  for (auto _ : state) {
    auto e = net.value_gradient(p);
    benchmark::DoNotOptimize(e.gradient.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(network_value_gradient, tanh, descent::Activation::tanh)
    ->Name("network/engine_value_gradient_tanh");
BENCHMARK_CAPTURE(network_value_gradient, relu, descent::Activation::relu)
    ->Name("network/engine_value_gradient_relu");
BENCHMARK_CAPTURE(network_value_gradient, sigmoid, descent::Activation::sigmoid)
    ->Name("network/engine_value_gradient_sigmoid");

void network_value(benchmark::State& state) {
  const descent::Network& net = network();
  const VecX p = net.initial_parameters(1);
  for (auto _ : state) benchmark::DoNotOptimize(net.value(p));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(network_value)->Name("network/engine_value_tanh");

}  // namespace
