// The analysis thread. The message thread hands it snapshots of changed documents and the requests
// that need current findings; it analyses (debounced), publishes, and answers, so typing never waits
// for an analysis and no result for an outdated version is ever published.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/finding.h"
#include "core/incremental.h"
#include "core/line_index.h"
#include "lsp/configuration.h"
#include "lsp/connection.h"
#include "lsp/features.h"

namespace evidential::lsp {

/// The client's trace setting (`initialize.trace`, `$/setTrace`): how much `$/logTrace` reports.
enum class Trace : uint8_t { kOff, kMessages, kVerbose };

/// "off", "messages", "verbose"; nullopt for anything else.
std::optional<Trace> parse_trace(std::string_view value);

/// Sends `$/logTrace` per LSP 3.17: nothing when `trace` is off, `verbose` (computed only then) when it
/// is verbose.
void log_trace(Connection& connection, Trace trace, std::string message,
               const std::function<std::string()>& verbose = nullptr);

class Worker {
 public:
  struct Options {
    core::Encoding encoding = core::Encoding::kUtf16;
    bool push = true;  ///< publishDiagnostics; false when the client pulls (textDocument/diagnostic)
    bool related_information = false;
    std::chrono::milliseconds debounce{150};
    /// Documents above this many bytes are not analysed: their one finding says so (0: no limit).
    size_t max_document_bytes = 0;
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

  /// A new version or new settings: analysed after the debounce delay (push mode). An analysis of the
  /// same document that is running stops, as its result would be outdated.
  void update(Snapshot snapshot);
  /// Publishes empty diagnostics for `uri` and forgets it.
  void close(const std::string& uri);
  /// Answers request `id` once `uri`'s analysis is current.
  void query(const std::string& uri, json id, Query query);
  /// textDocument/diagnostic.
  void pull(const std::string& uri, json id, std::optional<std::string> previous_result_id);
  /// $/cancelRequest: a request still waiting is answered RequestCancelled at once; the one running
  /// stops at its next block of analysis and answers it. False if no such request is pending.
  bool cancel(const json& id);
  /// The trace level for the analysis' `$/logTrace` reports.
  void set_trace(Trace trace) { trace_ = trace; }
  /// A new document size limit (0: none), from the client's settings. Applies to the next analysis of
  /// each document: call update() for the open ones to bring them under it.
  void set_max_document_bytes(size_t limit) { max_document_bytes_ = limit; }
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
  void analyse_and_publish(DocState& doc, const Snapshot& snapshot, std::stop_token stop);
  /// Brings `doc`'s findings up to `snapshot`; cheap when already there. False when `stop` ended it
  /// first (the state stays at the previous version).
  bool ensure_current(DocState& doc, const Snapshot& snapshot, std::stop_token stop = {});
  /// The analysed version; `merged` also builds the merged findings list (hover, code actions).
  AnalyzedDocument view(DocState& doc, bool merged) const;

  Connection& connection_;
  const Options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::map<std::string, std::unique_ptr<DocState>> docs_;
  bool stop_ = false;
  bool busy_ = false;  // a job is running outside the lock
  json running_id_;    // the request the running job answers (null: none)
  std::stop_source running_stop_;
  std::string analysing_;  // the document whose push analysis is running, if any
  std::stop_source push_stop_;
  std::atomic<Trace> trace_{Trace::kOff};
  std::atomic<size_t> max_document_bytes_;
  std::condition_variable idle_;
  uint64_t next_result_id_ = 1;
  std::thread thread_;
};

}  // namespace evidential::lsp
