// Every PyTorch reference trajectory of a small network (mlp.json) reproduced by the engine:
// Network + BasicOptimizer<VecX>, full batch, step by step.
#include <set>

#include <catch2/catch.hpp>

#include "optimizer.hpp"
#include "support/golden.hpp"
#include "text.hpp"

using namespace descent;
using namespace descent::test;

TEST_CASE("network golden: the reference file covers each activation, clipping and a schedule",
          "[network][golden]") {
  std::set<std::string> activations, optimizers, schedules, clips;
  for (const auto& c : golden_network_cases()) {
    activations.insert(c.activation);
    optimizers.insert(c.spec.name);
    schedules.insert(c.spec.schedule.name);
    clips.insert(c.spec.clip.name);
  }
  CHECK(activations == std::set<std::string>{"relu", "sigmoid", "tanh"});
  CHECK(optimizers.size() >= 4);
  CHECK(schedules.count("step") == 1);
  CHECK(clips.count("norm") == 1);
}

TEST_CASE("network golden: engine reproduces every PyTorch network trajectory",
          "[network][golden]") {
  for (const auto& c : golden_network_cases()) {
    DYNAMIC_SECTION(c.id << " (" << c.layers << " " << c.activation << ", " << c.spec_text << ")") {
      auto net = golden_network(c);
      REQUIRE(net->dimension() == c.start.size());
      REQUIRE(c.trajectory.size() == static_cast<std::size_t>(c.steps) + 1);
      BasicOptimizer<VecX> optimizer(c.spec);
      VecX p = c.start;
      std::size_t mismatches = 0;
      for (std::size_t k = 0; k < c.trajectory.size(); ++k) {
        const auto& want = c.trajectory[k];
        REQUIRE(want.size() == static_cast<std::size_t>(p.size()) + 1);
        auto e = net->value_gradient(p);
        bool ok = golden_close(e.value, want[0]);
        for (Eigen::Index i = 0; i < p.size(); ++i)
          ok = ok && golden_close(p[i], want[static_cast<std::size_t>(i) + 1]);
        if (!ok && mismatches++ < 3) {
          std::string got = format_exact(e.value), expected = format_exact(want[0]);
          for (Eigen::Index i = 0; i < p.size(); ++i) {
            got += ", " + format_exact(p[i]);
            expected += ", " + format_exact(want[static_cast<std::size_t>(i) + 1]);
          }
          FAIL_CHECK("step " << k << ": got [" << got << "] want [" << expected << "]");
        }
        if (k + 1 < c.trajectory.size()) optimizer.step(p, std::move(e.gradient));
      }
      CHECK(mismatches == 0);
    }
  }
}
