#include "runs_export.hpp"

#include <algorithm>
#include <streambuf>

#include "atomic_file.hpp"

namespace descent {
namespace {

// Passes bytes on, counting them for the progress bar; fails once the export is cancelled, so
// that the atomic write drops its temporary file.
class WatchedBuffer final : public std::streambuf {
 public:
  WatchedBuffer(std::streambuf* out, const std::atomic<bool>* cancel, std::atomic<double>* progress,
                double expected)
      : m_out(out), m_cancel(cancel), m_progress(progress), m_expected(expected) {}

 private:
  bool stopped() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
  void count(std::streamsize n) {
    m_bytes += static_cast<double>(n);
    if (m_progress) m_progress->store(std::min(0.99, m_bytes / m_expected));
  }
  int_type overflow(int_type c) override {
    if (stopped() || traits_type::eq_int_type(c, traits_type::eof())) return traits_type::eof();
    count(1);
    return m_out->sputc(traits_type::to_char_type(c));
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (stopped()) return 0;
    count(n);
    return m_out->sputn(s, n);
  }

  std::streambuf* m_out;
  const std::atomic<bool>* m_cancel;
  std::atomic<double>* m_progress;
  double m_expected, m_bytes = 0;
};

}  // namespace

void export_runs(const Scenario& scenario, std::shared_ptr<const Objective> objective,
                 const std::string& path, RunFormat format, const std::atomic<bool>* cancel,
                 std::atomic<double>* progress) {
  const RunLimits limits{.max_steps = scenario.steps, .tolerance = scenario.tolerance};
  auto snapshot = compute_runs(scenario, objective, limits);
  double rows = 1;
  for (const auto& run : snapshot->runs) rows += static_cast<double>(run.trajectory->size());
  const double expected = rows * (format == RunFormat::json ? 90 : 70);
  try {
    write_file_atomically(path, [&](std::ostream& out) {
      WatchedBuffer buffer(out.rdbuf(), cancel, progress, expected);
      std::ostream watched(&buffer);
      write_runs(watched, format, *snapshot, output_context(scenario, limits));
      if (!watched) out.setstate(std::ios::badbit);
    });
  } catch (const std::exception&) {
    if (cancel && cancel->load())
      throw std::runtime_error("cancelled: " + path + " was not written");
    throw;
  }
  if (progress) progress->store(1);
}

RunsExport::RunsExport(Scenario scenario, std::shared_ptr<const Objective> objective,
                       std::string path, RunFormat format)
    : m_thread([this, scenario = std::move(scenario), objective = std::move(objective),
                path = std::move(path), format] {
        try {
          export_runs(scenario, objective, path, format, &m_cancel, &m_progress);
        } catch (const std::exception& e) {
          m_error = e.what();
        }
        m_done = true;
      }) {}

RunsExport::~RunsExport() {
  m_cancel = true;
  m_thread.join();
}

}  // namespace descent
