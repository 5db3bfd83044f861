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
  std::vector<core::Finding> findings;
  std::shared_ptr<const core::LineIndex> lines;
  std::shared_ptr<const std::string> published_text;
  std::shared_ptr<const ResolvedSettings> published_settings;
  std::string pull_result_id;
  std::string pull_items;  // serialized, to tell whether a new pull result changed
  std::string message;     // reused for every publish: its capacity survives
};

Worker::Worker(Connection& connection, Options options)
    : connection_(connection), options_(options), thread_([this] { run(); }) {}

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
      lock.unlock();
      run_job(job);
      lock.lock();
      busy_ = false;
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
      lock.unlock();
      analyse_and_publish(*next, snapshot);
      lock.lock();
      continue;
    }
    if (earliest == Clock::time_point::max()) {
      wake_.wait(lock);
    } else {
      wake_.wait_until(lock, earliest);
    }
  }
}

void Worker::ensure_current(DocState& doc, const Snapshot& snapshot) {
  if (doc.analysed.text == snapshot.text && doc.analysed.settings == snapshot.settings) {
    doc.analysed.version = snapshot.version;
    return;
  }
  if (!doc.analyzer || doc.analyzer_markup != snapshot.markup) {
    doc.analyzer = std::make_unique<core::IncrementalAnalyzer>(snapshot.markup);
    doc.analyzer_markup = snapshot.markup;
  }
  const auto start = Clock::now();
  doc.findings = doc.analyzer->analyze(*snapshot.text, *snapshot.settings->settings,
                                       snapshot.settings->generation);
  doc.lines = snapshot.lines ? snapshot.lines : std::make_shared<const core::LineIndex>(*snapshot.text);
  doc.analysed = snapshot;
  const auto stats = doc.analyzer->last_stats();
  // A big (re-)analysis leaves megabytes of freed per-block parse state in the worker's malloc arena;
  // give it back rather than carry it as resident memory (bench/lsp/README.md, RSS).
  if (stats.analysed > 256) ::malloc_trim(0);
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("analysed {} v{}: {} bytes, {} findings, {}/{} blocks re-analysed, {} us", snapshot.uri,
                  snapshot.version, snapshot.text->size(), doc.findings.size(), stats.analysed,
                  stats.blocks,
                  std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
  }
}

AnalyzedDocument Worker::view(const DocState& doc) const {
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

void Worker::analyse_and_publish(DocState& doc, const Snapshot& snapshot) {
  ensure_current(doc, snapshot);
  if (doc.published_text == snapshot.text && doc.published_settings == snapshot.settings) return;
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
  AnalyzedDocument v = view(doc);
  write_publish_diagnostics(snapshot.uri, snapshot.version, &v, options_.related_information, doc.message);
  connection_.send_serialized(doc.message);
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
  try {
    if (doc != nullptr) ensure_current(*doc, snapshot);
    if (job.kind == Job::Kind::kQuery) {
      if (doc == nullptr) {
        connection_.reply(job.id, job.query(nullptr));
      } else {
        AnalyzedDocument v = view(*doc);
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
    write_diagnostics(view(*doc), options_.related_information, items);
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
