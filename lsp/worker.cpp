// One worker thread: jobs (requests, closes) first, in arrival order, then documents whose debounce
// delay has passed. A document's analysis state is touched only by this thread; the message thread
// only replaces its latest snapshot under the lock.
#include "lsp/worker.h"

#include <spdlog/spdlog.h>

#include "lsp/diagnostics_writer.h"

#include <malloc.h>

#include <algorithm>

namespace evidential::lsp {

using Clock = std::chrono::steady_clock;

/// What a document above the size limit gets instead of an analysis: one block, at the start, with
/// one Information finding that says so.
core::BlockedFindings too_large_findings(size_t size, size_t limit) {
  core::Finding f;
  f.check = kDocumentTooLarge;
  f.severity = core::Severity::kInformation;
  f.message = "This document (" + std::to_string(size) + " bytes) is too large to analyse: the limit is " +
              std::to_string(limit) + " bytes (the maxDocumentBytes setting, or --max-document-bytes). " +
              "Evidential resumes once it is smaller or the limit is raised.";
  core::BlockedFindings result;
  core::BlockFindings block;
  block.findings = std::make_shared<const std::vector<core::Finding>>(1, std::move(f));
  result.blocks.push_back(std::move(block));
  result.count = 1;
  return result;
}

struct Worker::DocState {
  // Shared with the message thread (under mutex_).
  Snapshot latest;
  bool open = true;
  bool dirty = false;
  Clock::time_point due{};

  // Worker thread only.
  std::unique_ptr<core::IncrementalAnalyzer> analyzer;
  core::Markup analyzer_markup = core::Markup::kPlain;
  Snapshot analysed;  // text == nullptr: nothing analysed yet
  core::BlockedFindings blocks;         // of `analysed`
  std::vector<core::Finding> findings;  // blocks.merged(), built when a request needs it
  bool findings_current = false;
  std::shared_ptr<const core::LineIndex> lines;
  BlockDiagnosticsWriter writer;
  std::shared_ptr<const std::string> published_text;
  std::shared_ptr<const ResolvedSettings> published_settings;
  /// The size limit `analysed` exceeded, 0 when it was analysed; and the same for what was published.
  /// A new limit changes it without a new text or new settings.
  size_t over_limit = 0;
  size_t published_over_limit = 0;
  std::string pull_result_id;
  std::string pull_items;  // serialized, to tell whether a new pull result changed
  std::string message;     // reused for every publish: its capacity survives
};

std::optional<Trace> parse_trace(std::string_view value) {
  if (value == "off") return Trace::kOff;
  if (value == "messages") return Trace::kMessages;
  if (value == "verbose") return Trace::kVerbose;
  return std::nullopt;
}

void log_trace(Connection& connection, Trace trace, std::string message,
               const std::function<std::string()>& verbose) {
  if (trace == Trace::kOff) return;
  json params = {{"message", std::move(message)}};
  if (trace == Trace::kVerbose && verbose) params["verbose"] = verbose();
  connection.notify("$/logTrace", std::move(params));
}

Worker::Worker(Connection& connection, Options options)
    : connection_(connection),
      options_(options),
      max_document_bytes_(options.max_document_bytes),
      thread_([this] { run(); }) {}

Worker::~Worker() { stop(); }

void Worker::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Worker::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [this] { return (jobs_.empty() && !busy_) || !thread_.joinable(); });
}

void Worker::update(Snapshot snapshot) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // The analysis running for an older version is stale: it stops at its next block (what it analysed
    // stays cached) and this version is analysed instead.
    if (analysing_ == snapshot.uri) push_stop_.request_stop();
    std::unique_ptr<DocState>& doc = docs_[snapshot.uri];
    if (!doc) doc = std::make_unique<DocState>();
    doc->latest = std::move(snapshot);
    doc->open = true;
    doc->dirty = true;
    doc->due = Clock::now() + options_.debounce;
  }
  wake_.notify_all();
}

void Worker::close(const std::string& uri) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (analysing_ == uri) push_stop_.request_stop();
    auto it = docs_.find(uri);
    if (it != docs_.end()) {
      it->second->open = false;
      it->second->dirty = false;
    }
    jobs_.push_back({Job::Kind::kClose, uri, nullptr, nullptr, std::nullopt});
  }
  wake_.notify_all();
}

void Worker::query(const std::string& uri, json id, Query query) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back({Job::Kind::kQuery, uri, std::move(id), std::move(query), std::nullopt});
  }
  wake_.notify_all();
}

void Worker::pull(const std::string& uri, json id, std::optional<std::string> previous_result_id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back({Job::Kind::kPull, uri, std::move(id), nullptr, std::move(previous_result_id)});
  }
  wake_.notify_all();
}

bool Worker::cancel(const json& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (busy_ && !running_id_.is_null() && running_id_ == id) {
    running_stop_.request_stop();  // run_job answers it
    return true;
  }
  auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const Job& j) {
    return j.kind != Job::Kind::kClose && j.id == id;
  });
  if (it == jobs_.end()) return false;
  jobs_.erase(it);
  connection_.reply_error(id, kRequestCancelled, "request cancelled");
  return true;
}

void Worker::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (!jobs_.empty()) {
      Job job = std::move(jobs_.front());
      jobs_.pop_front();
      busy_ = true;
      running_id_ = job.id;
      running_stop_ = std::stop_source();
      lock.unlock();
      run_job(job);
      lock.lock();
      busy_ = false;
      running_id_ = nullptr;
      if (jobs_.empty()) idle_.notify_all();
      continue;
    }
    if (stop_) break;
    Clock::time_point now = Clock::now();
    Clock::time_point earliest = Clock::time_point::max();
    DocState* next = nullptr;
    if (options_.push) {
      for (auto& [uri, doc] : docs_) {
        if (!doc->open || !doc->dirty) continue;
        if (doc->due <= now) {
          next = doc.get();
          break;
        }
        earliest = std::min(earliest, doc->due);
      }
    }
    if (next != nullptr) {
      next->dirty = false;
      Snapshot snapshot = next->latest;
      analysing_ = snapshot.uri;
      push_stop_ = std::stop_source();
      std::stop_token stop = push_stop_.get_token();
      lock.unlock();
      analyse_and_publish(*next, snapshot, stop);
      lock.lock();
      analysing_.clear();
      continue;
    }
    if (earliest == Clock::time_point::max()) {
      wake_.wait(lock);
    } else {
      wake_.wait_until(lock, earliest);
    }
  }
}

bool Worker::ensure_current(DocState& doc, const Snapshot& snapshot, std::stop_token stop) {
  const size_t limit = max_document_bytes_.load();
  const size_t over_limit = limit != 0 && snapshot.text->size() > limit ? limit : 0;
  if (doc.analysed.text == snapshot.text && doc.analysed.settings == snapshot.settings &&
      doc.over_limit == over_limit) {
    doc.analysed.version = snapshot.version;
    return true;
  }
  if (over_limit != 0) {
    doc.over_limit = over_limit;
    doc.analyzer.reset();  // and with it the parse state of the last analysis
    doc.blocks = too_large_findings(snapshot.text->size(), over_limit);
    doc.findings.clear();
    doc.findings_current = false;
    doc.lines = snapshot.lines ? snapshot.lines : std::make_shared<const core::LineIndex>(*snapshot.text);
    doc.analysed = snapshot;
    spdlog::debug("not analysing {} v{}: {} bytes", snapshot.uri, snapshot.version, snapshot.text->size());
    return true;
  }
  if (!doc.analyzer || doc.analyzer_markup != snapshot.markup) {
    doc.analyzer = std::make_unique<core::IncrementalAnalyzer>(snapshot.markup);
    doc.analyzer_markup = snapshot.markup;
  }
  const auto start = Clock::now();
  log_trace(connection_, trace_, "analysing " + snapshot.uri + " v" + std::to_string(snapshot.version));
  std::optional<core::BlockedFindings> blocks = doc.analyzer->analyze_blocks(
      *snapshot.text, *snapshot.settings->settings, snapshot.settings->generation, stop);
  const auto stats = doc.analyzer->last_stats();
  if (!blocks) {
    log_trace(connection_, trace_,
              "analysis of " + snapshot.uri + " v" + std::to_string(snapshot.version) + " cancelled after " +
                  std::to_string(stats.analysed) + " blocks");
    return false;
  }
  doc.blocks = std::move(*blocks);
  doc.findings.clear();
  doc.findings.shrink_to_fit();
  doc.findings_current = false;
  doc.lines = snapshot.lines ? snapshot.lines : std::make_shared<const core::LineIndex>(*snapshot.text);
  doc.analysed = snapshot;
  doc.over_limit = 0;
  // A big (re-)analysis leaves megabytes of freed per-block parse state in the worker's malloc arena;
  // give it back rather than carry it as resident memory (bench/lsp/README.md, RSS).
  if (stats.analysed > 256) ::malloc_trim(0);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("analysed {} v{}: {} bytes, {} findings, {}/{} blocks re-analysed, {} us", snapshot.uri,
                  snapshot.version, snapshot.text->size(), doc.blocks.count, stats.analysed, stats.blocks,
                  micros);
  }
  log_trace(connection_, trace_,
            "analysed " + snapshot.uri + " v" + std::to_string(snapshot.version) + ": " +
                std::to_string(doc.blocks.count) + " findings in " + std::to_string(micros / 1000) + "." +
                std::to_string(micros / 100 % 10) + " ms",
            [&] {
              return std::to_string(snapshot.text->size()) + " bytes; " + std::to_string(stats.analysed) +
                     " of " + std::to_string(stats.blocks) + " blocks analysed afresh, the others reused";
            });
  return true;
}

AnalyzedDocument Worker::view(DocState& doc, bool merged) const {
  if (merged && !doc.findings_current) {
    doc.findings = doc.blocks.merged();
    doc.findings_current = true;
  }
  AnalyzedDocument v;
  v.uri = doc.analysed.uri;
  v.version = doc.analysed.version;
  v.markup = doc.analysed.markup;
  v.text = *doc.analysed.text;
  v.lines = doc.lines.get();
  v.settings = doc.analysed.settings->settings.get();
  v.findings = &doc.findings;
  v.encoding = options_.encoding;
  return v;
}

void Worker::analyse_and_publish(DocState& doc, const Snapshot& snapshot, std::stop_token stop) {
  if (!ensure_current(doc, snapshot, stop)) return;  // a newer version (or a close) came first
  if (doc.published_text == snapshot.text && doc.published_settings == snapshot.settings &&
      doc.published_over_limit == doc.over_limit) {
    return;
  }
  {
    // A newer version arrived while this one was analysed: its own analysis will publish.
    std::lock_guard<std::mutex> lock(mutex_);
    if (!doc.open || doc.latest.text != snapshot.text) {
      spdlog::debug("dropped the result for {} v{}: outdated", snapshot.uri, snapshot.version);
      return;
    }
  }
  doc.published_text = snapshot.text;
  doc.published_settings = snapshot.settings;
  doc.published_over_limit = doc.over_limit;
  AnalyzedDocument v = view(doc, false);
  write_publish_diagnostics(snapshot.uri, snapshot.version, v, doc.blocks, doc.writer,
                            options_.related_information, doc.message);
  connection_.send_serialized(doc.message);
  // The buffer is reused for the next version; a doubling that overshot (the document grew) is given
  // back rather than kept (a 1 MB document's message is ~4.5 MB).
  if (doc.message.capacity() > doc.message.size() + doc.message.size() / 4) doc.message.shrink_to_fit();
  if (trace_ == Trace::kVerbose) {
    const auto stats = doc.writer.last_stats();
    log_trace(connection_, trace_,
              "published " + std::to_string(doc.blocks.count) + " diagnostics for " + snapshot.uri + " v" +
                  std::to_string(snapshot.version),
              [&] {
                return std::to_string(doc.message.size()) + " bytes; " + std::to_string(stats.serialized) +
                       " of " + std::to_string(stats.blocks) + " blocks serialized afresh, the others reused";
              });
  } else {
    log_trace(connection_, trace_,
              "published " + std::to_string(doc.blocks.count) + " diagnostics for " + snapshot.uri + " v" +
                  std::to_string(snapshot.version));
  }
}

void Worker::run_job(Job& job) {
  DocState* doc = nullptr;
  Snapshot snapshot;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = docs_.find(job.uri);
    if (it != docs_.end()) {
      doc = it->second.get();
      snapshot = doc->latest;
      if (job.kind == Job::Kind::kClose && !doc->open) {
        // Nothing else refers to a closed document's state: only this thread reads it.
        docs_.erase(it);
        doc = nullptr;
      } else if (!doc->open) {
        doc = nullptr;
      }
    }
  }
  if (job.kind == Job::Kind::kClose) {
    if (doc != nullptr) {
      // Reopened before the close was handled: start its analysis state afresh.
      doc->analysed = {};
      doc->published_text.reset();
      doc->published_settings.reset();
    }
    connection_.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{job.uri, std::nullopt, {}});
    return;
  }
  std::stop_token stop;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop = running_stop_.get_token();
  }
  auto cancelled = [&] {
    if (!stop.stop_requested()) return false;
    connection_.reply_error(job.id, kRequestCancelled, "request cancelled");
    return true;
  };
  try {
    if (doc != nullptr && !ensure_current(*doc, snapshot, stop)) {
      cancelled();
      return;
    }
    if (cancelled()) return;
    if (job.kind == Job::Kind::kQuery) {
      if (doc == nullptr) {
        connection_.reply(job.id, job.query(nullptr));
      } else {
        AnalyzedDocument v = view(*doc, true);
        connection_.reply(job.id, job.query(&v));
      }
      return;
    }
    // kPull: a DocumentDiagnosticReport, with the items written as publishDiagnostics writes them.
    if (doc == nullptr) {
      connection_.reply(job.id, DocumentDiagnosticReport{false, "closed", {}});
      return;
    }
    std::string items;
    doc->writer.write(view(*doc, false), doc->blocks, options_.related_information, items);
    if (cancelled()) return;
    if (doc->pull_result_id.empty() || items != doc->pull_items) {
      doc->pull_result_id = std::to_string(next_result_id_++);
      doc->pull_items = std::move(items);
    }
    if (job.previous_result_id == doc->pull_result_id) {
      connection_.reply(job.id, DocumentDiagnosticReport{true, doc->pull_result_id, {}});
      return;
    }
    std::string message = "{\"id\":" + serialize(job.id) + ",\"jsonrpc\":\"2.0\",\"result\":{\"items\":";
    message += doc->pull_items;
    message += ",\"kind\":\"full\",\"resultId\":";
    write_json_string(doc->pull_result_id, message);
    message += "}}";
    connection_.send_serialized(message);
  } catch (const ProtocolError& e) {
    connection_.reply_error(job.id, e.code, e.message);
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", job.uri, e.what());
    connection_.reply_error(job.id, kInternalError, e.what());
  }
}

}  // namespace evidential::lsp
