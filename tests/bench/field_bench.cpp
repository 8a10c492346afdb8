// Sampling a model's loss field: 512x512 grid points over 10,000 samples, through the engine
// (GlmObjective::values on the Session's pool, as the canvas asks for it) against a plain
// single-threaded loop over grid points and samples. Reported per (grid point x sample).
#include <cmath>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include "data_generators.hpp"
#include "field.hpp"
#include "model_registry.hpp"
#include "thread_pool.hpp"

namespace {

constexpr int kSide = 512;
constexpr double kSamples = 10'000;

struct Case {
  const char* model;
  const char* loss;
  const char* generator;
};

std::shared_ptr<const descent::Dataset> data_for(const Case& c) {
  return std::make_shared<const descent::Dataset>(
      descent::generate_dataset({c.generator, {{"n", kSamples}, {"seed", 1}}}));
}

descent::Box box() {
  return {-3, 3, -3, 3};
}

void count_items(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * kSide * kSide * static_cast<std::int64_t>(kSamples));
}

// The baseline: every grid point, every sample, the loss as anyone would write it.
template <class Loss>
void field_baseline(benchmark::State& state, const Case& c, Loss loss) {
  auto data = data_for(c);
  const Eigen::ArrayXd &x = data->features[0], &y = data->target;
  std::vector<float> out(static_cast<std::size_t>(kSide) * kSide);
  for (auto _ : state) {
    for (int j = 0; j < kSide; ++j)
      for (int i = 0; i < kSide; ++i) {
        const double w = -3 + 6 * (i + 0.5) / kSide, b = -3 + 6 * (j + 0.5) / kSide;
        double sum = 0;
        for (Eigen::Index k = 0; k < x.size(); ++k) sum += loss(w * x[k] + b, y[k]);
        out[static_cast<std::size_t>(j) * kSide + i] = static_cast<float>(sum / kSamples);
      }
    benchmark::DoNotOptimize(out.data());
  }
  count_items(state);
}

double squared(double z, double y) {
  return (z - y) * (z - y);
}
double huber(double z, double y) {
  const double r = std::abs(z - y);
  return r <= 1 ? 0.5 * r * r : r - 0.5;
}
double cross_entropy(double z, double y) {
  return std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z)));
}

// The engine: sample_field on a pool of `threads`, called from a pool job as the Session does
// (so the pool's threads are all there are).
void field_engine(benchmark::State& state, const Case& c, unsigned threads) {
  descent::ModelSpec spec = descent::default_model_spec(c.model);
  spec.loss = {c.loss, {}};
  auto objective = descent::make_model_objective(spec, data_for(c));
  descent::ThreadPool pool(threads);
  const descent::FieldRequest request{objective, box(), kSide, kSide};
  for (auto _ : state) {
    std::shared_ptr<descent::FieldGrid> grid;
    pool.submit([&] { grid = descent::sample_field(request, pool); });
    pool.wait_idle();
    benchmark::DoNotOptimize(grid->values.data());
  }
  count_items(state);
}

const int registered = [] {
  const Case cases[] = {
      {"linear", "mse", "linear"}, {"linear", "huber", "linear"}, {"logistic", "bce", "classes"}};
  for (const Case& c : cases) {
    const std::string group = std::string("field_") + c.loss;
    const std::string loss = c.loss;
    benchmark::RegisterBenchmark((group + "/baseline_plain_loop").c_str(),
                                 [c, loss](benchmark::State& s) {
                                   if (loss == "mse") field_baseline(s, c, squared);
                                   if (loss == "huber") field_baseline(s, c, huber);
                                   if (loss == "bce") field_baseline(s, c, cross_entropy);
                                 })
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    for (unsigned threads : {1u, 2u})
      benchmark::RegisterBenchmark(
          (group + "/engine_" + std::to_string(threads) + "_thread").c_str(),
          [c, threads](benchmark::State& s) { field_engine(s, c, threads); })
          ->Iterations(1)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
  }
  return 0;
}();

}  // namespace
