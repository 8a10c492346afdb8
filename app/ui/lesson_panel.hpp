#pragma once
// A lesson's text beside the canvas: its title, what to watch, and a question for the class.
#include "frame.hpp"

namespace descent::ui {

class LessonPanel {
 public:
  // Whether there is a lesson to show and it was not closed.
  bool shown(const Lab& lab) const { return !lab.lesson().empty() && !m_closed; }
  // Shows or hides the text (Lessons > Show the lesson's text).
  void set_closed(bool closed) { m_closed = closed; }
  bool closed() const { return m_closed; }
  // The height the text needs at `width`, in pixels: what the layout gives the panel at most.
  float height(const Lab& lab, float width) const;
  void draw(Frame& frame);

 private:
  bool m_closed = false;
};

}  // namespace descent::ui
