#pragma once
// What an edit did, in a few words, from the lab's states before and after it: the menu says
// "Undo remove run 'adam lr=0.05'" or "Redo change of lr in 'sgd lr=0.001'".
#include <string>

#include "scenario.hpp"

namespace descent {

// The most telling difference between the states: the objective first, then the runs, then
// the start, the step limit and the look; "change" when none is found.
std::string edit_name(const Scenario& before, const Scenario& after);

}  // namespace descent
