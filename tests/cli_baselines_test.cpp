// The classical baselines from the command line: they run, `descent list` has their keys,
// --evals counts what each point cost, and where they do not apply they say so.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/csv_text.hpp"
#include "support/process.hpp"

using namespace descent::test;

TEST_CASE("cli: the classical baselines run, and --evals counts what each point cost",
          "[cli][baselines]") {
  const std::vector<std::string> args{"run",   "--surface",   "rosenbrock", "--start=-1.5,2",
                                      "--opt", "newton",      "--opt",      "lbfgs:history=5",
                                      "--opt", "cg",          "--opt",      "gd_linesearch:c1=0.3",
                                      "--opt", "sgd:lr=1e-3", "--steps",    "30"};
  auto plain = run_descent(args);
  REQUIRE(plain.exit_code == 0);
  const auto rows = lines(plain.out);
  REQUIRE(!rows.empty());
  CHECK(rows[0] == "run,optimizer,step,x,y,loss");  // no evals column unless asked
  // Newton's method from (-1.5, 2) below 1e-10 in 30 iterations (it ends where the gradient is
  // exactly 0); sgd takes all 30.
  std::vector<std::vector<std::string>> newton;
  long long sgd_rows = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto row = cells(rows[i]);
    REQUIRE(row.size() == 6);
    if (row[1] == "newton") newton.push_back(row);
    sgd_rows += row[1] == "sgd";
  }
  REQUIRE(!newton.empty());
  CHECK(newton.size() <= 31);
  CHECK(std::stod(newton.back()[5]) < 1e-10);
  CHECK(sgd_rows == 31);

  std::vector<std::string> with_evals = args;
  with_evals.push_back("--evals");
  auto counted = run_descent(with_evals);
  REQUIRE(counted.exit_code == 0);
  const auto counted_rows = lines(counted.out);
  REQUIRE(!counted_rows.empty());
  CHECK(counted_rows[0] == "run,optimizer,step,x,y,loss,evals");
  std::map<std::string, std::vector<long long>> evals;
  for (std::size_t i = 1; i < counted_rows.size(); ++i) {
    const auto row = cells(counted_rows[i]);
    REQUIRE(row.size() == 7);
    evals[row[1]].push_back(std::stoll(row[6]));
  }
  // sgd evaluates once a point; newton a Hessian and a gradient a step; the line searches at
  // least once a step, and every trial.
  CHECK(evals["sgd"].back() == 31);
  // a Hessian a step, a gradient a new point
  CHECK(evals["newton"].back() == 1 + 2 * static_cast<long long>(newton.size() - 2));
  for (const char* name : {"lbfgs", "cg", "gd_linesearch"}) {
    INFO(name);
    CHECK(evals[name].front() == 1);
    CHECK(evals[name].back() > 31);
    CHECK(std::is_sorted(evals[name].begin(), evals[name].end()));
  }
  auto json = run_descent({"run", "--surface", "sphere", "--opt", "lbfgs", "--steps", "2",
                           "--format", "json", "--evals"});
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find("\"evals\":1}") != std::string::npos);

  // Where they do not apply, they say so.
  auto batch = run_descent({"run", "--model", "logistic", "--opt", "lbfgs", "--batch", "8"});
  CHECK(batch.exit_code == 2);
  CHECK(batch.err.find("lbfgs evaluates the whole loss itself") != std::string::npos);
  auto clipped = run_descent({"run", "--surface", "sphere", "--opt", "cg:clip=norm,max_norm=1"});
  CHECK(clipped.exit_code == 2);
  CHECK(clipped.err.find("does not apply") != std::string::npos);
  auto listed = run_descent({"list"});
  for (const char* key :
       {"newton", "saddle_free", "gd_linesearch", "shrink", "lbfgs", "history", "restart"})
    CHECK(listed.out.find(key) != std::string::npos);
}
