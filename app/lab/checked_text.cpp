#include "checked_text.hpp"

namespace descent {

void CheckedText::follow(const std::string& value, bool editing) {
  if (value == m_value || editing) return;
  m_value = m_text = value;
  m_error.clear();
}

bool CheckedText::typed() {
  m_error = m_problem(m_text);
  if (!m_error.empty() || m_text == m_value) return false;
  m_value = m_text;
  return true;
}

void CheckedText::left() {
  if (!m_error.empty()) m_text = m_value;
}

}  // namespace descent
