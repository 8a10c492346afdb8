// `descent run` on a network (--model mlp): the PyTorch reference trajectories through the
// command line, every parameter in every row, and the messages for what it refuses.
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/csv_text.hpp"
#include "support/golden.hpp"
#include "support/process.hpp"
#include "text.hpp"

using namespace descent;
using namespace descent::test;
using Catch::Matchers::StartsWith;

namespace {

std::string start_text(const VecX& start) {
  std::string text;
  for (Eigen::Index i = 0; i < start.size(); ++i) {
    if (i) text += ',';
    text += format_exact(start[i]);
  }
  return text;
}

std::vector<std::string> golden_args(const GoldenNetworkCase& c, const std::string& format) {
  return {"run",
          "--model",
          "mlp",
          "--layers",
          c.layers,
          "--activation",
          c.activation,
          "--data",
          golden_dir() + "/" + c.data_file,
          "--start=" + start_text(c.start),
          "--opt",
          c.spec_text,
          "--steps",
          std::to_string(c.steps),
          "--format",
          format};
}

const std::vector<std::string> kXor = {"run", "--model", "mlp", "--generate", "xor"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

}  // namespace

TEST_CASE("cli network: every small-network reference trajectory as CSV, every parameter",
          "[cli][golden]") {
  REQUIRE(!golden_network_cases().empty());
  for (const auto& c : golden_network_cases()) {
    INFO(c.id << ": " << c.spec_text);
    const auto result = run_descent(golden_args(c, "csv"));
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    std::istringstream out(result.out);
    std::string line;
    std::getline(out, line);
    const auto n = static_cast<std::size_t>(c.start.size());
    std::string header = "run,optimizer,step,loss";
    for (std::size_t k = 0; k < n; ++k) header.append(",p").append(std::to_string(k));
    REQUIRE(line == header);
    std::size_t rows = 0, mismatches = 0;
    for (; std::getline(out, line); ++rows) {
      const auto row = cells(line);
      REQUIRE(row.size() == 4 + n);
      REQUIRE(rows < c.trajectory.size());
      CHECK(row[0] == "0");
      CHECK(row[1] == c.spec.name);
      CHECK(row[2] == std::to_string(rows));
      const auto& want = c.trajectory[rows];
      for (std::size_t k = 0; k <= n; ++k)
        if (!golden_close(std::stod(row[3 + k]), want[k]) && mismatches++ < 3)
          FAIL_CHECK("step " << rows << " column " << k << ": got " << row[3 + k] << " want "
                             << format_exact(want[k]));
    }
    CHECK(rows == c.trajectory.size());
    CHECK(mismatches == 0);
  }
}

TEST_CASE("cli network: every small-network reference trajectory as JSON", "[cli][golden]") {
  for (const auto& c : golden_network_cases()) {
    INFO(c.id);
    const auto result = run_descent(golden_args(c, "json"));
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json.at("objective").at("parameters") == c.start.size());
    CHECK(json.at("objective").at("name") == "mlp " + c.layers + " " + c.activation);
    const auto& run = json.at("runs").at(0);
    CHECK(run.at("status") == "finished");
    const auto& rows = run.at("trajectory");
    REQUIRE(rows.size() == c.trajectory.size());
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
      CHECK(rows[k].at("step") == k);
      const auto& want = c.trajectory[k];
      const auto& p = rows[k].at("parameters");
      REQUIRE(p.size() + 1 == want.size());
      bool ok = golden_close(rows[k].at("loss"), want[0]);
      for (std::size_t i = 0; i < p.size(); ++i) ok = ok && golden_close(p[i], want[i + 1]);
      if (!ok) ++mismatches;
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("cli network: --every thins the rows, keeping the last; --init-seed draws the start",
          "[cli]") {
  const auto thinned = run_descent(
      with(kXor, {"--opt", "adam:lr=0.05", "--steps", "10", "--every", "4", "--init-seed", "7"}));
  REQUIRE(thinned.exit_code == 0);
  std::istringstream out(thinned.out);
  std::string line;
  std::vector<std::string> steps;
  std::getline(out, line);
  while (std::getline(out, line)) steps.push_back(cells(line).at(2));
  CHECK(steps == std::vector<std::string>{"0", "4", "8", "10"});

  auto first_row = [](const std::vector<std::string>& args) {
    const auto r = run_descent(args);
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.out);
    std::string header, row;
    std::getline(in, header);
    std::getline(in, row);
    return row;
  };
  const auto base = with(kXor, {"--opt", "sgd", "--steps", "0"});
  CHECK(first_row(with(base, {"--init-seed", "3"})) == first_row(with(base, {"--init-seed", "3"})));
  CHECK(first_row(with(base, {"--init-seed", "3"})) != first_row(with(base, {"--init-seed", "4"})));
  // 2-4-1 by default: 17 parameters, each in [-1/√fan_in, 1/√fan_in].
  const auto row = cells(first_row(with(base, {"--init-seed", "3"})));
  REQUIRE(row.size() == 4 + 17);
  for (std::size_t k = 0; k < 12; ++k) CHECK(std::abs(std::stod(row[4 + k])) <= 1 / std::sqrt(2.0));
  for (std::size_t k = 12; k < 17; ++k) CHECK(std::abs(std::stod(row[4 + k])) <= 0.5);
}

TEST_CASE("cli network: a saved scenario runs the same network again", "[cli]") {
  const std::string file = temp_directory() + "/network-scenario.json";
  const auto args = with(kXor, {"--layers", "2-3-3-1", "--activation", "relu", "--init-seed", "5",
                                "--opt", "adam:lr=0.02", "--steps", "20"});
  const auto first = run_descent(with(args, {"--save-scenario", file}));
  REQUIRE(first.exit_code == 0);
  const auto again = run_descent({"run", "--scenario", file});
  REQUIRE(again.exit_code == 0);
  CHECK(again.out == first.out);
  CHECK(again.out.rfind("run,optimizer,step,loss,p0,", 0) == 0);
}

TEST_CASE("cli network: what a network refuses is said, naming the flag", "[cli]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {with(kXor, {"--opt", "sgd", "--start=1,2,3"}),
       "--start: the 2-4-1 network has 17 parameters but 3 values were given"},
      {with(kXor, {"--opt", "sgd", "--start=1,x"}),
       "--start: expected 17 numbers separated by commas"},
      {with(kXor, {"--opt", "sgd", "--layers", "2-x-1"}), "--layers: layers '2-x-1': 'x' is not"},
      {with(kXor, {"--opt", "sgd", "--layers", "3-4-1"}), "--layers: layers '3-4-1'"},
      {with(kXor, {"--opt", "sgd", "--activation", "swish"}),
       "--activation: unknown activation 'swish'"},
      {with(kXor, {"--opt", "sgd", "--loss", "mse"}), "--loss: the mlp model does not take mse"},
      {with(kXor, {"--opt", "sgd", "--penalty", "l2"}), "model mlp takes no penalty (l2)"},
      {{"run", "--surface", "rosenbrock", "--opt", "sgd", "--layers", "2-4-1"},
       "--layers: only an mlp model takes it"},
      {{"run", "--model", "linear", "--opt", "sgd", "--activation", "relu"},
       "--activation: only an mlp model takes it, not linear"},
      {{"run", "--surface", "booth", "--opt", "sgd", "--plane-center", "best"},
       "--plane-center: only an mlp model takes it"},
      {with(kXor, {"--opt", "sgd", "--plane-center", "end"}),
       "--plane-center: expected start, best or run K (K from 1"},
      {with(kXor, {"--opt", "sgd", "--plane-center", "run x"}),
       "--plane-center: expected start, best or run K"},
      {with(kXor, {"--opt", "sgd", "--init-seed", "-1"}), "--init-seed: '-1' is not allowed"},
  };
  for (const auto& [args, message] : cases) {
    INFO(join(args, " "));
    const auto result = run_descent(args);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("descent: error: " + message));
  }
}
