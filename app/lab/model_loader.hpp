#pragma once
// Building a model's loss in the background: reading or generating the data, standardising,
// finding the minimum can take a while for a million samples, and the window must not wait.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "model_registry.hpp"
#include "published.hpp"
#include "session.hpp"

namespace descent {

class ModelLoader {
 public:
  struct Result {
    std::uint64_t request = 0;
    ModelSpec spec;
    std::shared_ptr<const Objective> objective;  // null when it failed
    std::string error;                           // what failed, naming the file, line and column
  };

  explicit ModelLoader(Session& session) : m_session(session) {}
  // Requests still queued are skipped; one being built finishes unseen.
  ~ModelLoader() { cancel(); }
  ModelLoader(const ModelLoader&) = delete;
  ModelLoader& operator=(const ModelLoader&) = delete;

  // Starts building `spec` and returns the request's number; a request still running for an
  // older one is left to finish unseen. The data of the last request is kept: a new loss or
  // penalty reuses it.
  std::uint64_t request(const ModelSpec& spec);
  // The newest request's result once it is ready, once.
  std::optional<Result> take();
  // Forgets every request: none will be taken.
  void cancel();
  bool busy() const { return m_state->taken.load() != m_state->requested.load(); }

 private:
  // Shared with the jobs on the Session's workers, which may outlive the loader.
  struct State {
    std::atomic<std::uint64_t> requested{0}, taken{0};
    std::mutex mutex;  // for publishing results in order, and for the data kept
    Published<Result> result{nullptr};
    std::string data_key;  // what the kept data was read or generated from
    std::shared_ptr<const Dataset> data;
  };
  static std::shared_ptr<const Dataset> data_for(State& state, const ModelSpec& spec);

  Session& m_session;
  std::shared_ptr<State> m_state = std::make_shared<State>();
};

}  // namespace descent
