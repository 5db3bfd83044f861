// The analysis thread. The message thread hands it snapshots of changed documents and the requests
// that need current findings; it analyses (debounced), publishes, and answers, so typing never waits
// for an analysis and no result for an outdated version is ever published.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/finding.h"
#include "core/incremental.h"
#include "core/line_index.h"
#include "lsp/configuration.h"
#include "lsp/connection.h"
#include "lsp/features.h"

namespace evidential::lsp {

class Worker {
 public:
  struct Options {
    core::Encoding encoding = core::Encoding::kUtf16;
    bool push = true;  ///< publishDiagnostics; false when the client pulls (textDocument/diagnostic)
    bool related_information = false;
    std::chrono::milliseconds debounce{150};
  };

  /// One version of a document with the settings that apply to it.
  struct Snapshot {
    std::string uri;
    int32_t version = 0;
    core::Markup markup = core::Markup::kPlain;
    std::shared_ptr<const std::string> text;
    std::shared_ptr<const ResolvedSettings> settings;
    std::shared_ptr<const core::LineIndex> lines;  ///< of `text`, when the caller has one
  };

  /// Computes a request's result from the document's current analysis (nullptr: not open). Runs on
  /// the worker thread; may throw ProtocolError.
  using Query = std::function<json(const AnalyzedDocument*)>;

  Worker(Connection& connection, Options options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// A new version or new settings: analysed after the debounce delay (push mode).
  void update(Snapshot snapshot);
  /// Publishes empty diagnostics for `uri` and forgets it.
  void close(const std::string& uri);
  /// Answers request `id` once `uri`'s analysis is current.
  void query(const std::string& uri, json id, Query query);
  /// textDocument/diagnostic.
  void pull(const std::string& uri, json id, std::optional<std::string> previous_result_id);
  /// $/cancelRequest: a request still waiting is answered RequestCancelled; false if none waits.
  bool cancel(const json& id);
  /// Blocks until every request queued so far has been answered (shutdown answers after them).
  void drain();
  /// Answers the requests still queued, then stops; later calls do nothing.
  void stop();

 private:
  struct DocState;
  struct Job {
    enum class Kind { kQuery, kPull, kClose } kind = Kind::kQuery;
    std::string uri;
    json id;
    Query query;
    std::optional<std::string> previous_result_id;
  };

  void run();
  void run_job(Job& job);
  void analyse_and_publish(DocState& doc, const Snapshot& snapshot);
  /// Brings `doc`'s findings up to `snapshot`; cheap when already there.
  void ensure_current(DocState& doc, const Snapshot& snapshot);
  AnalyzedDocument view(const DocState& doc) const;

  Connection& connection_;
  const Options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::map<std::string, std::unique_ptr<DocState>> docs_;
  bool stop_ = false;
  bool busy_ = false;  // a job is running outside the lock
  std::condition_variable idle_;
  uint64_t next_result_id_ = 1;
  std::thread thread_;
};

}  // namespace evidential::lsp
