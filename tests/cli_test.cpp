// The command line, run as a user would: outputs, exit codes and messages.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include "support/golden.hpp"
#include "support/process.hpp"
#include "text.hpp"

using namespace descent;
using namespace descent::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

struct CsvRow {
  int run;
  std::string optimizer;
  long long step;
  double x, y, loss;
};

std::vector<CsvRow> parse_csv(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "run,optimizer,step,x,y,loss");
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string run, opt, step, x, y, loss;
    std::getline(cells, run, ',');
    std::getline(cells, opt, ',');
    std::getline(cells, step, ',');
    std::getline(cells, x, ',');
    std::getline(cells, y, ',');
    std::getline(cells, loss, ',');
    rows.push_back(
        {std::stoi(run), opt, std::stoll(step), std::stod(x), std::stod(y), std::stod(loss)});
  }
  return rows;
}

std::vector<std::string> golden_args(const GoldenCase& c, const std::string& format) {
  std::vector<std::string> args{"run"};
  if (!c.surface.empty()) {
    args.insert(args.end(), {"--surface", c.surface});
  } else {
    const ModelSpec model = golden_model_spec(c);
    args.insert(args.end(), {"--model", model.model.name, "--loss", model.loss.name, "--data",
                             write_golden_data(c, temp_directory())});
  }
  args.push_back("--start=" + format_exact(c.start.x()) + "," + format_exact(c.start.y()));
  args.insert(args.end(),
              {"--opt", c.spec_text, "--steps", std::to_string(c.steps), "--format", format});
  return args;
}

using Rejections = std::vector<std::pair<std::vector<std::string>, std::string>>;

// Each command line, with `base` put right after its subcommand (a case's own flags come later
// and win: CLI11 keeps the last), exits 2 with one line on stderr naming the culprit and prints
// nothing on stdout.
void check_rejected(const Rejections& cases, const std::vector<std::string>& base) {
  for (const auto& [args, message] : cases) {
    auto full = args;
    full.insert(full.begin() + 1, base.begin(), base.end());
    INFO(join(full, " "));
    auto result = run_descent(full);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("descent: error: " + message));
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  }
}

}  // namespace

TEST_CASE("cli: every golden case through `descent run` as CSV", "[cli][golden]") {
  for (const auto& c : golden_cases()) {
    INFO(c.id << ": " << c.spec_text);
    auto result = run_descent(golden_args(c, "csv"));
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    auto rows = parse_csv(result.out);
    REQUIRE(rows.size() == c.trajectory.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
      CHECK(rows[k].run == 0);
      CHECK(rows[k].optimizer == c.spec.name);
      CHECK(rows[k].step == static_cast<long long>(k));
      CHECK(golden_close(rows[k].x, c.trajectory[k][0]));
      CHECK(golden_close(rows[k].y, c.trajectory[k][1]));
      CHECK(golden_close(rows[k].loss, c.trajectory[k][2]));
    }
  }
}

TEST_CASE("cli: every golden case through `descent run` as JSON", "[cli][golden]") {
  for (const auto& c : golden_cases()) {
    INFO(c.id);
    auto result = run_descent(golden_args(c, "json"));
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);
    const auto& run = json.at("runs").at(0);
    CHECK(run.at("run") == 0);
    CHECK(run.at("optimizer") == c.spec.name);
    CHECK(run.at("status") == "finished");
    CHECK(run.at("status_step") == c.steps);
    CHECK(parse_optimizer_spec(run.at("spec").get<std::string>()) == c.spec);
    const auto& rows = run.at("trajectory");
    REQUIRE(rows.size() == c.trajectory.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
      CHECK(rows[k].at("step") == k);
      CHECK(golden_close(rows[k].at("x"), c.trajectory[k][0]));
      CHECK(golden_close(rows[k].at("y"), c.trajectory[k][1]));
      CHECK(golden_close(rows[k].at("loss"), c.trajectory[k][2]));
    }
  }
}

TEST_CASE("cli: CSV numbers carry 17 significant digits", "[cli]") {
  auto result = run_descent({"run", "--surface", "rosenbrock", "--start=-1.5,2", "--opt",
                             "adam:lr=0.05", "--steps", "1"});
  REQUIRE(result.exit_code == 0);
  std::istringstream in(result.out);
  std::string header, start, step1;
  std::getline(in, header);
  std::getline(in, start);
  std::getline(in, step1);
  CHECK(start == "0,adam,0,-1.5,2,12.5");
  // g = (-155, -50) at the start and Adam's first step is lr·g/(|g| + eps), so
  // x = -1.45 - 0.05·1e-8/155 and y = 2.05 - 0.05·1e-8/50, printed with all 17 digits.
  CHECK(step1 == "0,adam,1,-1.4500000000032258,2.0499999999899998,6.2781250002190347");
}

TEST_CASE("cli: several runs numbered in order, --every keeps every k-th step and the last",
          "[cli]") {
  auto result = run_descent({"run", "--surface", "booth", "--start=-8,8", "--opt", "sgd:lr=0.01",
                             "--opt", "adam:lr=0.1", "--opt", "sgd:lr=0.02,momentum=0.5", "--steps",
                             "25", "--every", "10"});
  REQUIRE(result.exit_code == 0);
  auto rows = parse_csv(result.out);
  REQUIRE(rows.size() == 12);
  std::vector<long long> steps;
  for (int r = 0; r < 3; ++r)
    for (int i = 0; i < 4; ++i) {
      CHECK(rows[static_cast<std::size_t>(r * 4 + i)].run == r);
      CHECK(rows[static_cast<std::size_t>(r * 4 + i)].step ==
            std::vector<long long>{0, 10, 20, 25}[static_cast<std::size_t>(i)]);
    }
  CHECK(rows[4].optimizer == "adam");
}

TEST_CASE("cli: a run longer than the window's dense budget keeps exactly every k-th step",
          "[cli][recording]") {
  // The window thins runs past 750,000 steps; `descent run` records what --every asks.
  auto result = run_descent({"run", "--surface", "rosenbrock", "--opt", "sgd:lr=1e-4", "--steps",
                             "2500001", "--every", "500000"});
  REQUIRE(result.exit_code == 0);
  auto rows = parse_csv(result.out);
  std::vector<long long> steps;
  for (const auto& row : rows) steps.push_back(row.step);
  CHECK(steps == std::vector<long long>{0, 500000, 1000000, 1500000, 2000000, 2500000, 2500001});
}

TEST_CASE("cli: a run out of memory is reported with its step, the program goes on, exit 1",
          "[cli][failure]") {
  // 36 MB of address space: the run's every-step recording of a billion steps runs out after a few
  // hundred thousand. Before, the worker's bad_alloc ended the process.
  const std::string base = temp_directory() + "/out-of-memory";
  const std::string command =
      "sh -c 'ulimit -v 36000 && exec \"$0\" run --surface rosenbrock "
      "--opt sgd:lr=1e-4 --steps 1e9 --threads 1' " DESCENT_EXE " >" +
      base + ".out 2>" + base + ".err";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  std::ifstream err_file(base + ".err"), out_file(base + ".out");
  std::stringstream err, out;
  err << err_file.rdbuf();
  out << out_file.rdbuf();
  CHECK(WEXITSTATUS(status) == 1);
  CHECK_THAT(err.str(), StartsWith("descent: run 0 (sgd:lr=1e-04) failed at step "));
  CHECK_THAT(err.str(), Contains(": out of memory"));
  // What it computed before is written: the rows up to the failure.
  CHECK_THAT(out.str(), StartsWith("run,optimizer,step,x,y,loss\n0,sgd,0,"));
}

TEST_CASE("cli: output does not depend on --threads", "[cli]") {
  std::vector<std::string> args{"run",     "--surface", "rastrigin", "--start=2.3,-1.7",
                                "--steps", "20000",     "--every",   "1000"};
  for (const char* opt :
       {"sgd:lr=0.001,momentum=0.9", "adam:lr=0.01", "rmsprop:lr=0.001", "nadam", "lion:lr=0.001"})
    args.insert(args.end(), {"--opt", opt});
  auto base = args;
  base.insert(base.end(), {"--threads", "1"});
  auto many = args;
  many.insert(many.end(), {"--threads", "4"});
  auto one = run_descent(base), four = run_descent(many);
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == four.out);
}

TEST_CASE("cli: a diverged run ends at its last finite point, says so, and exits 0", "[cli]") {
  auto result = run_descent({"run", "--surface", "sphere", "--start=3,4", "--opt", "sgd:lr=1.5",
                             "--opt", "sgd:lr=0.1", "--steps", "100", "--every", "10"});
  CHECK(result.exit_code == 0);
  CHECK(result.err ==
        "descent: run 0 (sgd:lr=1.5) diverged at step 48: the point left the finite range (|p| > "
        "1e15 or not a number)\n");
  auto rows = parse_csv(result.out);
  CHECK(rows[5].step == 47);  // 0, 10, 20, 30, 40, then the last finite point
  CHECK(rows[6].run == 1);
  auto json =
      nlohmann::json::parse(run_descent({"run", "--surface", "sphere", "--start=3,4", "--opt",
                                         "sgd:lr=1.5", "--steps", "100", "--format", "json"})
                                .out);
  CHECK(json["runs"][0]["status"] == "diverged");
  CHECK(json["runs"][0]["status_step"] == 48);
  CHECK(json["runs"][0]["trajectory"].size() == 48);
}

TEST_CASE("cli: --tol stops converged runs", "[cli]") {
  auto json = nlohmann::json::parse(
      run_descent({"run", "--surface", "sphere", "--start=3,4", "--opt", "sgd:lr=0.1", "--steps",
                   "1000", "--tol", "1e-3", "--format", "json"})
          .out);
  CHECK(json["runs"][0]["status"] == "converged");
  CHECK(json["runs"][0]["status_step"] == 42);
  CHECK(json["tolerance"] == 1e-3);
}

TEST_CASE("cli: --out writes the file atomically", "[cli]") {
  std::string path = temp_directory() + "/out.csv";
  auto result = run_descent({"run", "--surface", "sphere", "--start=1,1", "--opt", "adam",
                             "--steps", "3", "--out", path});
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  CHECK(header == "run,optimizer,step,x,y,loss");
  auto bad = run_descent({"run", "--surface", "sphere", "--start=1,1", "--opt", "adam", "--steps",
                          "3", "--out", "/no/such/dir/out.csv"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, StartsWith("descent: error: /no/such/dir/out.csv: cannot create the file"));
}

TEST_CASE("cli: bad input exits 2 with one line naming the culprit", "[cli]") {
  const std::vector<std::string> base{"--start=1,2", "--steps", "5"};
  const Rejections cases{
      {{"run", "--surface", "rosenbrok", "--opt", "adam"},
       "--surface: unknown surface 'rosenbrok' (did you mean 'rosenbrock'?); available: "
       "rosenbrock, beale,"},
      {{"run", "--surface", "sphere", "--opt", "adamm"},
       "--opt adamm: unknown optimizer 'adamm' (did you mean 'adam'?)"},
      {{"run", "--surface", "sphere", "--opt", "adam:beta=0.9"},
       "--opt adam:beta=0.9: adam: unknown key 'beta' (did you mean 'beta1'?); valid keys: lr, "
       "beta1, beta2, eps, weight_decay, amsgrad,"},
      {{"run", "--surface", "sphere", "--opt", "adam:lr=-1"},
       "--opt adam:lr=-1: adam: lr = -1 is out of range; allowed: lr >= 0"},
      {{"run", "--surface", "sphere", "--opt", "adam:lr=1e"},
       "--opt adam:lr=1e: adam: lr = '1e' is not a number"},
      {{"run", "--surface", "sphere", "--opt", "adam:lr=nan"},
       "--opt adam:lr=nan: adam: lr = nan is not a finite number; allowed: lr >= 0"},
      {{"run", "--surface", "sphere", "--opt", "sgd:nesterov=1"},
       "--opt sgd:nesterov=1: sgd: nesterov=1 requires momentum > 0 and dampening = 0"},
      {{"run", "--surface", "sphere", "--opt", "sgd:clip=norm,max_norm=0"},
       "--opt sgd:clip=norm,max_norm=0: sgd clip=norm: max_norm = 0 is out of range; allowed: "
       "max_norm > 0"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--start=1"},
       "--start: expected X,Y (two numbers and a comma, e.g. --start=-1.5,2) but got '1'"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--start=1,x"}, "--start: expected X,Y"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--start=1,inf"},
       "--start: 1,inf is not a finite point"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--steps", "-1"},
       "--steps: '-1' is not allowed; allowed: an integer, 0 <= steps <= 1000000000"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--steps", "2.5"},
       "--steps: '2.5' is not allowed; allowed: an integer, 0 <= steps <= 1000000000"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--every", "0"},
       "--every: '0' is not a whole number from 1 to 1000000000"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--tol", "-1"},
       "--tol: '-1' is not allowed; allowed: tolerance >= 0"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--threads", "x"},
       "--threads: 'x' is not a whole number from 0 to 256"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--format", "xml"},
       "--format: xml not in {csv,json}"},
      {{"run", "--opt", "adam"},
       "give --surface NAME, --formula TEXT or --model NAME (or --scenario FILE or --lesson NAME; "
       "see descent list)"},
      {{"run", "--surface", "sphere"},
       "give at least one --opt SPEC (or a --scenario or --lesson with runs)"},
      {{"run", "--surface", "sphere", "--model", "linear", "--data", "x.csv", "--opt", "adam"},
       "--surface excludes --model"},
      {{"run", "--model", "linear", "--data", "/no/such.csv", "--opt", "adam"},
       "/no/such.csv: cannot open the file (does it exist?)"},
      {{"run", "--model", "quadratic", "--opt", "adam"},
       "--model: unknown model 'quadratic'; available: linear, logistic, logistic2"},
      {{"run", "--model", "linear:standardise=1", "--opt", "adam"},
       "--model: linear: unknown key 'standardise' (did you mean 'standardize'?); valid keys: "
       "standardize"},
      {{"run", "--surface", "sphere", "--opt", "adam", "--frobnicate"},
       "The following argument was not expected: --frobnicate"},
      {{"run", "--scenario", "/no/such/scenario.json", "--opt", "adam"},
       "/no/such/scenario.json: cannot open the file (does it exist?)"},
      {{"run", "--lesson", "momentum-raveen"}, "unknown lesson 'momentum-raveen' (did you mean"},
      {{"run", "--formula", "x^2 + (y", "--opt", "adam"}, "--formula: column 9: expected ')'"},
      {{"run", "--surface", "sphere", "--box", "0,1,nan,1", "--opt", "adam"},
       "--box: expected X0,X1,Y0,Y1 (four numbers, X0 < X1 and Y0 < Y1) but got '0,1,nan,1'"},
      {{"run", "--formula", "x^2", "--box", "1,0,0,1", "--opt", "adam"},
       "--box: expected X0,X1,Y0,Y1 (four numbers, X0 < X1 and Y0 < Y1) but got '1,0,0,1'"},
  };
  check_rejected(cases, base);
}

TEST_CASE("cli: a malformed data file is named with its line and column", "[cli]") {
  std::string path = temp_directory() + "/bad.csv";
  std::ofstream(path) << "x,y\n1,2\n3,oops\n";
  auto result = run_descent(
      {"run", "--model", "linear", "--data", path, "--start=0,0", "--opt", "sgd", "--steps", "3"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "descent: error: " + path + ":3:2: column 'y': 'oops' is not a number\n");
}

TEST_CASE("cli: list shows every surface, model, optimizer, key and schedule", "[cli]") {
  auto result = run_descent({"list"});
  REQUIRE(result.exit_code == 0);
  for (const char* word :
       {"rosenbrock",     "bukin_n6",    "logistic2", "huber",          "moons",
        "outliers",       "lion",        "nadam",     "momentum_decay", "initial_accumulator_value",
        "eta_minus",      "cosine",      "t_max",     "max_norm",       "clip_value",
        "0 <= beta1 < 1", "[log scale]", "strength",  "standardize",    "PENALTIES",
        "SAMPLING",       "LESSONS",     "FORMULAS"})
    CHECK_THAT(result.out, Contains(word));
}

TEST_CASE("cli: help and no arguments succeed", "[cli]") {
  auto help = run_descent({"--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Contains("run"));
  auto run_help = run_descent({"run", "--help"});
  CHECK(run_help.exit_code == 0);
  CHECK_THAT(run_help.out, Contains("SPEC := NAME[:key=value[,key=value...]]"));
}

// [SECTION] models over data
namespace {

std::string generate(const std::string& name, const std::vector<std::string>& args) {
  std::string path = temp_directory() + "/" + name + ".csv";
  std::vector<std::string> full{"data"};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--out", path});
  auto result = run_descent(full);
  REQUIRE(result.exit_code == 0);
  return path;
}

}  // namespace

TEST_CASE("cli: descent data generates seeded CSV", "[cli][data]") {
  auto a = run_descent({"data", "--generate", "moons", "--n", "50", "--seed", "3"});
  auto b = run_descent({"data", "--generate", "moons", "--n", "50", "--seed", "3"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(a.out.rfind("x1,x2,y\n", 0) == 0);
  CHECK(std::count(a.out.begin(), a.out.end(), '\n') == 51);
  auto bad = run_descent({"data", "--generate", "xor", "--overlap", "0.2"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "descent: error: xor: unknown key 'overlap'; valid keys: n, noise, seed\n");
  auto small = run_descent({"data", "--generate", "linear", "--n", "3"});
  CHECK(small.err ==
        "descent: error: linear: n = 3 is out of range; allowed: an integer, 10 <= n <= 1000000\n");
}

TEST_CASE("cli: every model and loss runs over generated data", "[cli][data]") {
  std::string line =
      generate("line", {"--generate", "linear", "--n", "200", "--outliers", "0.1", "--seed", "1"});
  std::string classes = generate("classes", {"--generate", "classes", "--n", "200"});
  std::string blobs = generate("blobs", {"--generate", "blobs", "--n", "200"});
  const std::vector<std::vector<std::string>> cases{
      {"--model", "linear", "--loss", "mse", "--data", line},
      {"--model", "linear", "--loss", "mae", "--data", line, "--penalty", "l1:strength=0.01"},
      {"--model", "linear:standardize=1", "--loss", "huber:delta=2", "--data", line, "--penalty",
       "l2:strength=0.1"},
      {"--model", "logistic", "--data", classes},
      {"--model", "logistic2", "--data", blobs, "--batch", "16"},
  };
  for (auto args : cases) {
    args.insert(args.begin(), "run");
    args.insert(args.end(), {"--start=0.5,0.5", "--opt", "adam:lr=0.1", "--steps", "200", "--every",
                             "200", "--format", "json"});
    INFO(join(args, " "));
    auto result = run_descent(args);
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);
    auto rows = json["runs"][0]["trajectory"];
    CHECK(rows.back()["loss"].get<double>() < rows[0]["loss"].get<double>());
  }
}

TEST_CASE("cli: mini-batches are reproducible and do not depend on --threads", "[cli][data]") {
  std::string line = generate("batch-line", {"--generate", "linear", "--n", "500"});
  std::vector<std::string> args{"run",          "--model", "linear", "--data",      line,
                                "--start=-2,3", "--steps", "300",    "--batch",     "8",
                                "--seed",       "5",       "--opt",  "sgd:lr=0.05", "--opt",
                                "adam:lr=0.05", "--every", "10"};
  auto one = args, four = args, other = args;
  one.insert(one.end(), {"--threads", "1"});
  four.insert(four.end(), {"--threads", "4"});
  other[10] = "6";  // another seed
  auto a = run_descent(one), b = run_descent(four), c = run_descent(other);
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(a.out != c.out);
}

TEST_CASE("cli: model flags name what is wrong", "[cli][data]") {
  std::string line = generate("flags-line", {"--generate", "linear", "--n", "20"});
  const std::vector<std::string> base{"--start=1,2", "--steps", "5", "--opt", "sgd"};
  const Rejections cases{
      {{"run", "--model", "linear", "--data", line, "--loss", "bce"},
       "--loss: the linear model does not take bce; it takes mse, mae, huber"},
      {{"run", "--model", "linear", "--data", line, "--loss", "huber:delta=-1"},
       "--loss: huber: delta = -1 is out of range; allowed: delta > 0"},
      {{"run", "--model", "linear", "--data", line, "--penalty", "l3"},
       "--penalty: unknown penalty 'l3' (did you mean 'l2'?); available: none, l2, l1"},
      {{"run", "--model", "linear", "--data", line, "--penalty", "l2:strength=-1"},
       "--penalty: l2: strength = -1 is out of range; allowed: strength >= 0"},
      {{"run", "--surface", "sphere", "--batch", "8"},
       "--batch: only a model over data has samples to take mini-batches of (give --model NAME)"},
      {{"run", "--model", "linear", "--data", line, "--batch", "2.5"},
       "--batch: '2.5' is not allowed; allowed: an integer, 0 <= batch <= 1000000"},
      {{"run", "--model", "linear", "--data", line, "--columns", "x,q"},
       line + ": no column 'q'; the columns are x, y (or give a number from 1 to 2)"},
      {{"run", "--model", "linear", "--data", line, "--columns", "x"},
       "--columns x: choose 1 feature column and a target column"},
      {{"run", "--model", "logistic", "--data", line}, line + ": row 1: label y = "},
      {{"run", "--model", "logistic2", "--data", line},
       line + ": needs 3 columns (x1,x2,y) but has 2"},
      {{"run", "--surface", "sphere", "--loss", "mae"},
       "--loss: only a model over data takes it (give --model NAME)"},
      {{"run", "--model", "linear", "--data", line, "--generate", "linear"},
       "--data excludes --generate"},
      {{"run", "--model", "logistic", "--generate", "linear"},
       "--generate: linear data does not suit"},
  };
  check_rejected(cases, base);
  // Gradient noise works on a surface; its seed makes it reproducible.
  auto noisy = run_descent({"run", "--surface", "rosenbrock", "--start=-1,1", "--opt",
                            "sgd:lr=1e-3", "--steps", "50", "--noise", "2", "--seed", "1"});
  auto again = run_descent({"run", "--surface", "rosenbrock", "--start=-1,1", "--opt",
                            "sgd:lr=1e-3", "--steps", "50", "--noise", "2", "--seed", "1"});
  CHECK(noisy.exit_code == 0);
  CHECK(noisy.out == again.out);
}

// [SECTION] scenarios and lessons
TEST_CASE("cli: a scenario saved from flags runs to the same output, byte for byte",
          "[cli][scenario]") {
  std::string line =
      generate("scenario-line", {"--generate", "linear", "--n", "120", "--seed", "2"});
  const std::vector<std::vector<std::string>> flag_sets{
      {"--surface", "rosenbrock", "--start=-1.5,2", "--opt", "sgd:lr=1e-3,momentum=0.9", "--opt",
       "adam:lr=0.05,schedule=step,step_size=30,gamma=0.5,clip=norm,max_norm=5", "--steps", "200"},
      {"--surface", "himmelblau", "--opt", "rmsprop:lr=0.01,schedule=cosine,t_max=90", "--opt",
       "nadam", "--steps", "120", "--noise", "0.5", "--seed", "4"},
      {"--formula", "(1-x)^2 + 100*(y-x^2)^2", "--box", "-2,2,-1,3", "--opt", "adam:lr=0.02",
       "--steps", "300"},
      {"--model",   "linear:standardize=1",
       "--data",    line,
       "--loss",    "huber:delta=0.5",
       "--penalty", "l1:strength=0.01",
       "--opt",     "sgd:lr=0.1",
       "--opt",     "adam:lr=0.1",
       "--batch",   "8",
       "--seed",    "3",
       "--steps",   "150",
       "--tol",     "1e-4"},
      {"--model", "logistic2", "--generate", "moons:n=300,noise=0.2,seed=5", "--columns", "x1,x2,y",
       "--opt", "adam:lr=0.05", "--steps", "100", "--start=1,-1"},
  };
  int n = 0;
  for (const auto& flags : flag_sets)
    for (const char* format : {"csv", "json"}) {
      const std::string path = temp_directory() + "/saved-" + std::to_string(n++) + ".json";
      std::vector<std::string> first{"run"};
      first.insert(first.end(), flags.begin(), flags.end());
      first.insert(first.end(), {"--every", "7", "--format", format, "--save-scenario", path});
      INFO(join(first, " "));
      auto a = run_descent(first);
      REQUIRE(a.exit_code == 0);
      auto b = run_descent({"run", "--scenario", path, "--every", "7", "--format", format});
      REQUIRE(b.exit_code == 0);
      CHECK(a.out == b.out);
      CHECK(a.err == b.err);
    }
  // Any other flag overrides the file.
  const std::string path = temp_directory() + "/saved-0.json";
  auto shorter = run_descent({"run", "--scenario", path, "--steps", "10", "--opt", "lion"});
  REQUIRE(shorter.exit_code == 0);
  auto rows = parse_csv(shorter.out);
  REQUIRE(rows.size() == 11);
  CHECK(rows.back().optimizer == "lion");
  CHECK(rows.front().x == -1.5);  // the file's start
}

TEST_CASE("cli: a bad scenario file exits 2 with the file and key path", "[cli][scenario]") {
  const std::string path = temp_directory() + "/bad-scenario.json";
  std::ofstream(path) << R"({"version": 1, "objective": {"surface": "sphere"},
    "runs": [{"optimizer": "adam"}, {"optimizer": "sgd", "params": {"lr": "fast"}}]})";
  auto result = run_descent({"run", "--scenario", path});
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "descent: error: " + path + ": runs[1].params.lr: expected a number, got \"fast\"\n");
}

TEST_CASE("cli: every lesson is listed and runs headless", "[cli][lessons]") {
  auto list = run_descent({"list", "lessons"});
  REQUIRE(list.exit_code == 0);
  int lessons = 0;
  std::istringstream in(list.out);
  std::string line;
  std::getline(in, line);
  CHECK(line == "LESSONS  (descent --lesson NAME; descent run --lesson NAME)");
  while (std::getline(in, line)) {
    const std::string name = line.substr(2, line.find(' ', 2) - 2);
    INFO(line);
    auto result = run_descent({"run", "--lesson", name, "--steps", "50", "--every", "50"});
    CHECK(result.exit_code == 0);
    // At least two runs, each with its start and its last step (a network's rows carry its
    // parameters instead of x and y), after the header.
    CHECK(std::count(result.out.begin(), result.out.end(), '\n') >= 5);
    ++lessons;
  }
  CHECK(lessons >= 12);
}

TEST_CASE("cli: a run's mini-batches in a scenario on a surface step on the full batch",
          "[cli][scenario]") {
  // The window keeps a run's mini-batch choice on a surface (for when it is over data again),
  // and saves it: such a file runs headless as the window shows it.
  const std::string path = temp_directory() + "/batch-on-surface.json";
  std::ofstream(path) << R"({"version": 1, "objective": {"surface": "sphere"}, "start": [1, 1],
    "steps": 3, "runs": [{"optimizer": "sgd", "params": {"lr": 0.1},
                          "sampling": {"batch": 5, "seed": 2}}]})";
  auto result = run_descent({"run", "--scenario", path});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto plain = run_descent(
      {"run", "--surface", "sphere", "--start=1,1", "--steps", "3", "--opt", "sgd:lr=0.1"});
  CHECK(result.out == plain.out);
}

// [SECTION] hostile input and failing writes (issue 8, section 4)
TEST_CASE("cli: sizes, specs and paths out of any range are refused, not converted",
          "[cli][hostile]") {
  const std::string png = temp_directory() + "/never.png";
  const std::string size_message =
      "--size: expected WxH with whole numbers from 64 to 8192 (e.g. 1200x900) but got '";
  const Rejections cases{
      {{"render", "--size", "1e10x900", "--out", png}, size_message + "1e10x900'"},
      {{"render", "--size", "nanx900", "--out", png}, size_message + "nanx900'"},
      {{"render", "--size", "900x-1e300", "--out", png}, size_message + "900x-1e300'"},
      {{"render", "--size", "1e400x900", "--out", png}, size_message + "1e400x900'"},
      {{"render", "--size", "600.5x900", "--out", png}, size_message + "600.5x900'"},
      {{"run", "--opt", "sgd:lr=0.1,lr=0.2"},
       "--opt sgd:lr=0.1,lr=0.2: sgd: lr is given twice in 'sgd:lr=0.1,lr=0.2'; give each key "
       "once"},
      {{"run", "--opt", "sgd:clip=norm,max_norm=1,clip=value"},
       "--opt sgd:clip=norm,max_norm=1,clip=value: sgd: clip is given twice"},
      {{"run", "--opt", "adam", "--out", ""}, "--out: expected a file name, got ''"},
      {{"run", "--opt", "adam", "--save-scenario", ""},
       "--save-scenario: expected a file name, got ''"},
      {{"render", "--opt", "adam", "--out", ""}, "--out: expected a file name, got ''"},
      {{"run", "--opt", "adam", "--start="}, "--start: expected X,Y"},
      {{"run", "--opt", "adam", "--steps", "1e30"},
       "--steps: '1e30' is not allowed; allowed: an integer, 0 <= steps <= 1000000000"},
      {{"run", "--opt", "adam", "--every", "1e300"},
       "--every: '1e300' is not a whole number from 1 to 1000000000"},
      {{"run", "--opt", "adam", "--threads", "nan"},
       "--threads: 'nan' is not a whole number from 0 to 256"},
  };
  check_rejected(cases, {"--surface", "sphere", "--start=1,2", "--steps", "5"});
  CHECK_FALSE(std::ifstream(png).good());
  // What the check accepts, the option reads: 1e1 threads are 10.
  CHECK(run_descent(
            {"run", "--surface", "sphere", "--opt", "adam", "--steps", "1", "--threads", "1e1"})
            .exit_code == 0);
  const Rejections model{
      {{"run", "--model", "linear:standardize=1,standardize=0", "--opt", "adam"},
       "--model: linear: standardize is given twice in 'linear:standardize=1,standardize=0'; "
       "give each key once"},
      {{"run", "--model", "linear", "--loss", "huber:delta=1,delta=2", "--opt", "adam"},
       "--loss: huber: delta is given twice in 'huber:delta=1,delta=2'; give each key once"},
      {{"data", "--generate", "linear", "--out", ""}, "--out: expected a file name, got ''"},
  };
  check_rejected(model, {});
  CHECK(run_descent({"data", "--generate", "linear", "--out", ""}).exit_code == 2);
}

TEST_CASE("cli: output that cannot be written all is an error, not exit 0", "[cli][hostile]") {
  const std::vector<std::string> run{"run",   "--surface", "sphere",  "--start=1,1",
                                     "--opt", "adam",      "--steps", "2000"};
  auto full = run_descent_shell(run, ">/dev/full");
  CHECK(full.exit_code == 1);
  CHECK(full.err ==
        "descent: error: cannot write the output to stdout (No space left on device)\n");
  auto closed = run_descent_shell(run, ">&-");
  CHECK(closed.exit_code == 1);
  CHECK(closed.err == "descent: error: cannot write the output to stdout (Bad file descriptor)\n");
  auto json = run_descent_shell({"run", "--surface", "sphere", "--opt", "adam", "--format", "json"},
                                ">/dev/full");
  CHECK(json.exit_code == 1);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"data", "--generate", "linear"}, {"list"}}) {
    INFO(join(args, " "));
    auto result = run_descent_shell(args, ">/dev/full");
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, StartsWith("descent: error: cannot write the output to stdout"));
  }
  // A disk that fills (a file size limit, with the signal ignored as a full disk would give
  // no signal): stdout to a file, and --out, fail; --out leaves the file it would replace.
  const std::string dir = temp_directory() + "/full";
  std::filesystem::create_directories(dir);
  auto limited = run_descent_shell(run, ">" + dir + "/stdout.csv", "trap '' XFSZ; ulimit -f 1; ");
  CHECK(limited.exit_code == 1);
  CHECK(limited.err == "descent: error: cannot write the output to stdout (File too large)\n");
  const std::string out = dir + "/out.csv";
  std::ofstream(out) << "before\n";
  auto args = run;
  args.insert(args.end(), {"--out", out});
  auto file = run_descent_shell(args, ">/dev/null", "trap '' XFSZ; ulimit -f 1; ");
  CHECK(file.exit_code == 1);
  CHECK(file.err == "descent: error: " + out + ": cannot write the file (File too large)\n");
  std::ifstream in(out);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "before\n");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 2);  // no temp file left
}

TEST_CASE("cli: --out replaces only a regular file, and keeps its permissions", "[cli][hostile]") {
  namespace fs = std::filesystem;
  const std::string dir = temp_directory() + "/targets";
  fs::create_directories(dir);
  const std::vector<std::string> run{"run",  "--surface", "sphere", "--start=1,1", "--opt",
                                     "adam", "--steps",   "3",      "--out"};
  auto with_out = [&](const std::string& path) {
    auto args = run;
    args.push_back(path);
    return run_descent(args);
  };
  // A private file stays private.
  const std::string secret = dir + "/secret.csv";
  std::ofstream(secret) << "old\n";
  fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
  CHECK(with_out(secret).exit_code == 0);
  CHECK(fs::status(secret).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(fs::file_size(secret) > 100);
  // A link, a pipe and a directory are refused and left as they are.
  const std::string target = dir + "/target.csv", link = dir + "/link.csv";
  std::ofstream(target) << "target\n";
  fs::create_symlink(target, link);
  auto linked = with_out(link);
  CHECK(linked.exit_code == 1);
  CHECK(linked.err == "descent: error: " + link +
                          ": is a symbolic link, not a regular file; Descent writes only regular "
                          "files\n");
  CHECK(fs::is_symlink(link));
  CHECK(fs::file_size(target) == 7);
  const std::string pipe = dir + "/pipe.csv";
  REQUIRE(::mkfifo(pipe.c_str(), 0644) == 0);
  auto piped = with_out(pipe);
  CHECK(piped.exit_code == 1);
  CHECK_THAT(piped.err, StartsWith("descent: error: " + pipe + ": is a pipe, not a regular file"));
  CHECK(fs::is_fifo(pipe));
  auto directory = with_out(dir);
  CHECK(directory.exit_code == 1);
  CHECK_THAT(directory.err, StartsWith("descent: error: " + dir + ": is a directory"));
}

TEST_CASE("cli: temp files of a killed writer are removed by the next write", "[cli][hostile]") {
  namespace fs = std::filesystem;
  const std::string dir = temp_directory() + "/stale";
  fs::create_directories(dir);
  const std::string out = dir + "/out.csv";
  // No process has pid 999999999 (pids stop at 2^22); this test's own is alive.
  const std::string dead = dir + "/.out.csv.descent-tmp-999999999-0";
  const std::string alive = dir + "/.out.csv.descent-tmp-" + std::to_string(::getpid()) + "-0";
  const std::string other = dir + "/.other.csv.descent-tmp-999999999-0";
  for (const auto& path : {dead, alive, other}) std::ofstream(path) << "partial";
  auto result = run_descent(
      {"run", "--surface", "sphere", "--start=1,1", "--opt", "adam", "--steps", "3", "--out", out});
  CHECK(result.exit_code == 0);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(alive));  // perhaps being written right now
  CHECK(fs::exists(other));  // another file's
  CHECK(fs::exists(out));
}

TEST_CASE("cli: CSV data: a byte order mark, an ambiguous header, endless lines",
          "[cli][hostile][data]") {
  const std::string dir = temp_directory();
  auto fit = [](const std::string& path) {
    return run_descent({"run", "--model", "linear", "--data", path, "--start=0,0", "--opt", "sgd",
                        "--steps", "1"});
  };
  const std::string bom = dir + "/bom.csv";
  std::ofstream(bom) << "\xEF\xBB\xBF"
                        "1,2\n2,4\n3,6\n";
  auto with_bom = fit(bom);
  CHECK(with_bom.exit_code == 0);
  CHECK(with_bom.err.empty());
  const std::string mixed = dir + "/mixed.csv";
  std::ofstream(mixed) << "0,y\n1,2\n2,4\n";
  auto ambiguous = fit(mixed);
  CHECK(ambiguous.exit_code == 0);
  CHECK(ambiguous.err == "descent: warning: " + mixed +
                             ":1: the first row is read as column names, since 'y' is not a "
                             "number; if it is data, correct that cell\n");
  const std::string huge = dir + "/huge.csv";
  std::ofstream(huge) << "1e400,2\n3,4\n";
  auto overflow = fit(huge);
  CHECK(overflow.exit_code == 2);
  CHECK(overflow.err == "descent: error: " + huge +
                            ":1:1: column '1': '1e400' is too large for a double (at most about "
                            "1.8e308)\n");
  auto zero = fit("/dev/zero");
  CHECK(zero.exit_code == 2);
  CHECK(zero.err ==
        "descent: error: /dev/zero:1: the line is longer than 1048576 bytes; is this a CSV "
        "file?\n");
}
