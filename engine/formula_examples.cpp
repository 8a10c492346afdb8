#include "formula_examples.hpp"

namespace descent {
namespace {

FormulaExample example(std::string name, std::string description, std::string text,
                       std::optional<Box> box = std::nullopt) {
  return {name, description, {}, [text, box](const ParamValues&) {
            return FormulaSpec{text, box};
          }};
}

}  // namespace

const Registry<FormulaExample>& formula_examples() {
  static const Registry<FormulaExample> all(
      "formula example",
      {
          example("ravine", "A long narrow valley: steep across, gentle along",
                  "0.5*x^2 + 10*y^2"),
          example("bowl", "The round bowl: every method gets there", "x^2 + y^2"),
          example("rosenbrock", "The banana-shaped valley, typed",
                  "(1 - x)^2 + 100*(y - x^2)^2", Box{-2, 2, -1, 3}),
          example("saddle", "Down one way, up the other", "x^2 - y^2"),
          example("double well", "Two equal minima with a ridge between them",
                  "(x^2 - 1)^2 + 0.5*y^2", Box{-2, 2, -2, 2}),
          example("egg crate", "Ripples on a bowl: local minima everywhere",
                  "0.1*(x^2 + y^2) - cos(2*x) - cos(2*y)"),
          example("tilted", "A bowl whose axes are not the coordinate axes",
                  "x^2 + 3*y^2 + 2.5*x*y", Box{-4, 4, -4, 4}),
          example("cliff", "A gentle slope that falls off a cliff",
                  "0.1*(x^2 + y^2) + 10*tanh(5*(x - 1))", Box{-4, 4, -4, 4}),
          example("corner", "A V-shaped valley: not differentiable along its floor",
                  "abs(x - y) + 0.1*(x + y)^2"),
      });
  return all;
}

}  // namespace descent
