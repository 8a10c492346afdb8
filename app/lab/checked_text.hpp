#pragma once
// A text field whose text is checked as it is typed (a network's layers, "2-8-8-1"): a valid
// text becomes the value at once; a refused one leaves the value as it was and says why until
// the text changes again, and goes back to the value when the field is left. Free of ImGui: the
// panel feeds it what the field did.
#include <functional>
#include <string>
#include <string_view>

namespace descent {

class CheckedText {
 public:
  // `problem` says why a text is refused, or "" to accept it.
  explicit CheckedText(std::function<std::string(std::string_view)> problem)
      : m_problem(std::move(problem)) {}

  // The value as the model holds it (loaded, undone, chosen elsewhere): the text follows it,
  // unless it is the value already or the user is typing (`editing`).
  void follow(const std::string& value, bool editing);
  // The text was edited (through text()): true when it is valid and another value, which it
  // then becomes.
  bool typed();
  // The field lost focus: a refused text goes back to the value; the reason stays shown.
  void left();

  std::string& text() { return m_text; }
  const std::string& value() const { return m_value; }
  // Why the last text typed was refused, "" when it was not.
  const std::string& error() const { return m_error; }

 private:
  std::function<std::string(std::string_view)> m_problem;
  std::string m_text, m_value, m_error;
};

}  // namespace descent
