// The fuzz targets' bodies, shared by the libFuzzer binaries (tests/fuzz/fuzz_*.cpp) and by the GoogleTest
// that replays every committed seed and regression input in the normal build
// (tests/robust_fuzz_regressions_test.cpp). Header-only so the test suite's glob picks it up with no
// CMake change. Each entry point returns "" or a description of the first invariant the input broke;
// crashes and sanitizer reports speak for themselves.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "core/incremental.h"
#include "core/line_index.h"
#include "core/markup/markup.h"
#include "core/utf8.h"
#include "lsp/diagnostics_writer.h"
#include "lsp/documents.h"
#include "lsp/features.h"
#include "lsp/positions.h"
#include "lsp/server.h"
#include "lsp/transport.h"

namespace evidential::fuzz {

namespace detail {

/// The server logs through spdlog's default logger; at fuzzing speed that is noise, not evidence.
inline void quiet_logging() {
  static const bool done = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)done;
}

inline const core::Settings& default_settings() {
  static const core::Settings settings = config::default_settings();
  return settings;
}

/// A second configuration, so edit sequences also cross a settings change (the incremental cache must
/// then forget every unit).
inline const core::Settings& variant_settings() {
  static const core::Settings settings = [] {
    auto parsed = config::parse_config(
        R"({"checks": {"hedge": "error", "stacked-hedge": "off", "weasel": "hint"}})", "variant",
        default_settings());
    return std::get<core::Settings>(parsed);
  }();
  return settings;
}

/// Reads the fuzzer's bytes as little numbers; past the end everything reads as zero.
class Bytes {
 public:
  explicit Bytes(std::string_view data) : data_(data) {}
  bool empty() const { return pos_ >= data_.size(); }
  uint8_t u8() { return pos_ < data_.size() ? static_cast<uint8_t>(data_[pos_++]) : 0; }
  uint16_t u16() {
    uint16_t lo = u8();
    return static_cast<uint16_t>(lo | (u8() << 8));
  }
  std::string_view take(size_t n) {
    n = std::min(n, data_.size() - std::min(pos_, data_.size()));
    std::string_view out = data_.substr(std::min(pos_, data_.size()), n);
    pos_ += n;
    return out;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

inline std::string show_range(core::Range r) {
  return "[" + std::to_string(r.start) + "," + std::to_string(r.end) + ")";
}

/// Every field of a finding, so two analyses compare exactly and a mismatch reads plainly.
inline std::string describe(const core::Finding& f) {
  std::string s = show_range(f.range) + " " + std::string(f.check) + " " +
                  std::to_string(static_cast<int>(f.severity)) + " " + f.message;
  if (f.attribution) {
    // An empty source range means "no source" (core/analysis/attributions.h): where it sits is not
    // part of the result (IncrementalAnalyzer moves it to its block's start, a fresh analysis leaves
    // it at 0).
    const core::Range source = f.attribution->source.empty() ? core::Range{} : f.attribution->source;
    s += " attribution " + show_range(f.attribution->cue) + show_range(source) + " " +
         std::to_string(static_cast<int>(f.attribution->kind)) + " " + f.attribution->source_note;
  }
  if (f.score) s += " score " + std::to_string(*f.score);
  for (const core::Fix& fix : f.fixes) {
    s += " fix " + fix.title;
    for (const core::Edit& e : fix.edits) s += " " + show_range(e.range) + "=" + e.replacement;
  }
  for (const core::Related& r : f.related) s += " related " + show_range(r.range) + " " + r.message;
  return s;
}

inline std::vector<std::string> describe(const std::vector<core::Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const core::Finding& f : findings) out.push_back(describe(f));
  return out;
}

inline bool in_bounds(core::Range r, size_t size) { return r.start <= r.end && r.end <= size; }

/// What every Document and every list of findings must satisfy, whatever the bytes: ranges inside the
/// text and in order, token spans inside the token list, scores in [0, 1].
inline std::string check_document(const core::Document& doc) {
  const size_t n = doc.text().size();
  uint32_t previous_end = 0;
  for (const core::Block& b : doc.blocks()) {
    if (!in_bounds(b.range, n)) return "block " + show_range(b.range) + " outside the text";
    if (b.range.start < previous_end) return "blocks overlap at " + show_range(b.range);
    previous_end = b.range.end;
    uint32_t hole_end = b.range.start;
    for (const core::Range& h : b.holes) {
      if (!b.range.contains(h) || h.start < hole_end) return "hole " + show_range(h) + " misplaced";
      hole_end = h.end;
    }
  }
  for (const core::Sentence& s : doc.sentences()) {
    if (!in_bounds(s.range, n)) return "sentence " + show_range(s.range) + " outside the text";
    if (s.block >= doc.blocks().size()) return "sentence names block " + std::to_string(s.block);
    if (s.token_begin > s.token_end || s.token_end > doc.tokens().size()) {
      return "sentence token span [" + std::to_string(s.token_begin) + "," + std::to_string(s.token_end) +
             ") outside " + std::to_string(doc.tokens().size()) + " tokens";
    }
  }
  for (const core::Token& t : doc.tokens()) {
    if (!in_bounds(t.range, n)) return "token " + show_range(t.range) + " outside the text";
  }
  for (const core::Quotation& q : doc.quotations()) {
    if (!in_bounds(q.range, n) || !q.range.contains(q.inner)) return "quotation " + show_range(q.range);
  }
  for (const core::Citation& c : doc.citations()) {
    if (!in_bounds(c.range, n) || !in_bounds(c.target, n)) return "citation " + show_range(c.range);
  }
  return {};
}

inline std::string check_findings(std::string_view text, const std::vector<core::Finding>& findings) {
  const size_t n = text.size();
  for (size_t i = 0; i < findings.size(); ++i) {
    const core::Finding& f = findings[i];
    const std::string where = "finding " + describe(f) + ": ";
    if (f.check.empty()) return where + "no check id";
    if (!in_bounds(f.range, n)) return where + "range outside the text";
    if (i > 0 && findings[i - 1].range.start > f.range.start) return where + "out of order";
    if (f.score && !(*f.score >= 0.0 && *f.score <= 1.0)) return where + "score outside [0, 1]";
    if (f.attribution && (!in_bounds(f.attribution->cue, n) || !in_bounds(f.attribution->source, n))) {
      return where + "attribution outside the text";
    }
    for (const core::Related& r : f.related) {
      if (!in_bounds(r.range, n)) return where + "related range outside the text";
    }
    for (const core::Fix& fix : f.fixes) {
      for (const core::Edit& e : fix.edits) {
        if (!in_bounds(e.range, n)) return where + "fix edit outside the text";
      }
    }
  }
  return {};
}

/// The server's view of findings on valid UTF-8 (all a client can send): the diagnostics writer must
/// produce a JSON array with one diagnostic per finding, and hover and code actions must hold up.
inline std::string check_server_features(std::string_view text, core::Markup markup,
                                         const std::vector<core::Finding>& findings) {
  const core::LineIndex lines(text);
  for (core::Encoding encoding : {core::Encoding::kUtf16, core::Encoding::kUtf8}) {
    lsp::AnalyzedDocument doc;
    doc.uri = "file:///fuzz/doc.md";
    doc.version = 1;
    doc.markup = markup;
    doc.text = text;
    doc.lines = &lines;
    doc.settings = &default_settings();
    doc.findings = &findings;
    doc.encoding = encoding;
    std::string items;
    lsp::write_diagnostics(doc, /*related_information=*/true, items);
    nlohmann::json parsed = nlohmann::json::parse(items, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_array() || parsed.size() != findings.size()) {
      return "write_diagnostics wrote " + std::to_string(items.size()) + " bytes that are not " +
             std::to_string(findings.size()) + " diagnostics";
    }
    lsp::CodeActionParams params;
    params.textDocument.uri = doc.uri;
    params.range = {{0, 0}, {UINT32_MAX, 0}};
    for (size_t i = 0; i < findings.size() && i < 64; ++i) {
      lsp::Diagnostic d = lsp::to_diagnostic(doc, findings[i], true);
      (void)lsp::hover_at(doc, d.range.start, /*markdown=*/i % 2 == 0);
      params.context.diagnostics.push_back(std::move(d));
    }
    lsp::CodeActionEnvironment env;
    env.document_changes = true;
    env.create_files = true;
    env.new_config_dir = "/fuzz";
    (void)lsp::code_actions(doc, params, env);
  }
  return {};
}

/// A snapshot of valid UTF-8: invalid bytes become U+FFFD, as they could never arrive over JSON.
inline std::string valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    int len = 1;
    char32_t c = core::decode_utf8(bytes, i, &len);
    if (c == 0xFFFD && len == 1) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.substr(i, static_cast<size_t>(len)));
    }
    i += static_cast<size_t>(len);
  }
  return out;
}

/// The nearest offset at or before `at` that a client can address: a character's first byte, and not
/// between the "\r" and "\n" of a line break (LSP counts "\r\n" as one line end).
inline uint32_t addressable(std::string_view text, uint32_t at) {
  at = std::min<uint32_t>(at, static_cast<uint32_t>(text.size()));
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  if (at > 0 && at < text.size() && text[at - 1] == '\r' && text[at] == '\n') --at;
  return at;
}

/// Our own words and Markdown syntax, so short inputs reach the grammar's and the checks' corners.
inline const std::array<std::string_view, 48>& fragments() {
  static const std::array<std::string_view, 48> kFragments = {
      "a", " ", "\n", "\n\n", "\r\n", ".", ",", "é", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
      "\xF0\x9F\x8C\x8A", "may ", "might ", "reportedly ", "perhaps ", "clearly ", "some say ",
      "critics argue ", "officials said ", "according to the ministry, ", "\"", "'", "(", ")", "[", "]",
      "# ", "> ", "- ", "1. ", "    ", "```\n", "`x` ", "[a link](https://example.org/x) ", "[^1] ",
      "[ref][r] ", "[r]: https://example.net/r\n", "| a | b |\n|---|---|\n", "<!-- evidential-disable -->\n",
      "<!-- evidential-enable -->\n", "<!-- evidential-disable-next-line hedge -->\n", "---\n",
      "Ships may dock here. ", "The port said it would grow.\n", "(Okafor 2021) ", "\t", "\0"};
  return kFragments;
}

}  // namespace detail

/// Target 2: markup, prose parsing and every check on arbitrary bytes. The first byte picks the
/// markup (odd: Markdown); the rest is the document.
inline std::string analyse_bytes(std::string_view data) {
  detail::quiet_logging();
  const core::Markup markup =
      !data.empty() && (data[0] & 1) ? core::Markup::kMarkdown : core::Markup::kPlain;
  std::string_view text = data.empty() ? data : data.substr(1);
  const core::Document doc = core::parse_document(std::string(text), markup);
  if (std::string e = detail::check_document(doc); !e.empty()) return e;
  for (const core::Block& b : doc.blocks()) (void)core::prose_syntax_tree(doc, b);
  const std::vector<core::Finding> findings = core::analyze(doc, detail::default_settings());
  if (std::string e = detail::check_findings(text, findings); !e.empty()) return e;
  const core::LineIndex lines(text);
  for (const core::Finding& f : findings) {
    for (core::Encoding enc : {core::Encoding::kUtf8, core::Encoding::kUtf16, core::Encoding::kUtf32}) {
      core::LinePosition p = lines.position(f.range.start, enc);
      if (lines.offset(p, enc) > f.range.start) return "LineIndex maps a finding's start past itself";
    }
  }
  if (core::find_invalid_utf8(text) == std::string_view::npos) {
    return detail::check_server_features(text, markup, findings);
  }
  return {};
}

/// Target 3: edit sequences. After each batch of edits the text sync (lsp::apply_changes, positions in
/// the encoding the first byte picks) must give the model's text, and when an edit asks for it,
/// core::IncrementalAnalyzer must give exactly the findings of a fresh analysis of the current text.
///
/// Input: [flags] then edits of [op][u16 position][u8 deleted bytes][payload]. flags bit 0: Markdown;
/// bits 1-2: encoding (utf-16, utf-8, utf-32). op bits 0-1: payload kind (0: u8 n + n literal bytes,
/// 1: u8 fragment index, 2: none, 3: u16 n + n literal bytes replacing the whole text); bit 5: switch
/// settings; bit 6: send the batch so far first; bit 7: analyse after this edit.
inline std::string incremental_edits(std::string_view data) {
  using detail::addressable;
  detail::quiet_logging();
  constexpr size_t kMaxText = 16 * 1024;
  constexpr int kMaxCompares = 16;
  int compared = 0;
  detail::Bytes in(data);
  const uint8_t flags = in.u8();
  const core::Markup markup = flags & 1 ? core::Markup::kMarkdown : core::Markup::kPlain;
  const core::Encoding encoding = (flags >> 1) % 3 == 0   ? core::Encoding::kUtf16
                                  : (flags >> 1) % 3 == 1 ? core::Encoding::kUtf8
                                                          : core::Encoding::kUtf32;
  std::string model;   // the text as the client has it
  std::string synced;  // the text as the server rebuilt it from didChange events
  std::vector<lsp::TextDocumentContentChangeEvent> batch;
  core::IncrementalAnalyzer analyzer(markup);
  bool variant = false;
  uint64_t generation = 1;

  auto flush = [&]() -> std::string {
    if (batch.empty()) return {};
    lsp::apply_changes(synced, batch, encoding);
    batch.clear();
    if (synced != model) return "text sync diverged from the client's text";
    return {};
  };
  auto compare = [&]() -> std::string {
    if (std::string e = flush(); !e.empty()) return e;
    const core::Settings& settings = variant ? detail::variant_settings() : detail::default_settings();
    const std::vector<core::Finding> incremental = analyzer.analyze(model, settings, generation);
    const core::Document doc = core::parse_document(model, markup);
    const std::vector<core::Finding> fresh = core::analyze(doc, settings);
    if (std::string e = detail::check_findings(model, fresh); !e.empty()) return e;
    const auto a = detail::describe(incremental);
    const auto b = detail::describe(fresh);
    if (a != b) {
      size_t i = 0;
      while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
      return "incremental analysis differs from a fresh one at finding " + std::to_string(i) + ": " +
             (i < a.size() ? a[i] : "(none)") + " vs " + (i < b.size() ? b[i] : "(none)");
    }
    return {};
  };

  while (!in.empty()) {
    const uint8_t op = in.u8();
    if (op & 0x40) {
      if (std::string e = flush(); !e.empty()) return e;
    }
    if (op & 0x20) {
      variant = !variant;
      ++generation;
    }
    lsp::TextDocumentContentChangeEvent change;
    const uint16_t position = in.u16();
    const uint8_t deleted = in.u8();
    if ((op & 3) == 3) {
      change.text = detail::valid_utf8(in.take(in.u16()));
      model = change.text;
    } else {
      const uint32_t size = static_cast<uint32_t>(model.size());
      const uint32_t start = addressable(model, position % (size + 1));
      uint32_t end = addressable(model, std::min<uint32_t>(size, start + deleted));
      end = std::max(end, start);
      // Positions are computed against the text as it stands after the batch's earlier edits.
      const core::LineIndex lines(model);
      lsp::Range range{lsp::to_position(lines, start, encoding), lsp::to_position(lines, end, encoding)};
      if (lsp::to_offset(lines, range.start, encoding) != start ||
          lsp::to_offset(lines, range.end, encoding) != end) {
        return "offset " + std::to_string(start) + " or " + std::to_string(end) +
               " does not survive a round trip through its position";
      }
      if ((op & 3) == 0) change.text = detail::valid_utf8(in.take(in.u8()));
      if ((op & 3) == 1) change.text = detail::fragments()[in.u8() % detail::fragments().size()];
      if (model.size() + change.text.size() > kMaxText) change.text.clear();
      change.range = range;
      model.replace(start, end - start, change.text);
    }
    batch.push_back(std::move(change));
    // A bounded number of full comparisons per input keeps the fuzzer fast; the edits in between still
    // exercise text sync and the incremental cache's carry-over.
    if ((op & 0x80) && ++compared <= kMaxCompares) {
      if (std::string e = compare(); !e.empty()) return e;
    }
  }
  return compare();
}

/// Target 4: the configuration loader on arbitrary text; whatever it accepts must then analyse a
/// document without trouble (user lexicon entries and options reach the checks).
inline std::string config_text(std::string_view data) {
  detail::quiet_logging();
  auto parsed = config::parse_config(data, "fuzz/.evidential.json", detail::default_settings());
  if (auto* error = std::get_if<config::ConfigError>(&parsed)) {
    if (error->message.empty()) return "a configuration error without a message";
    (void)error->to_string();
    return {};
  }
  const core::Settings& settings = std::get<core::Settings>(parsed);
  static const std::string kText =
      "# Harbour report\n\nThe port may expand, officials said. Critics argue it could flood the bay.\n\n"
      "> \xE2\x80\x9CWe will build it,\xE2\x80\x9D the mayor said [1].\n\n- Some say the tide might "
      "turn.\n- It is clearly the best plan, according to the Harbour Gazette.\n";
  for (core::Markup markup : {core::Markup::kMarkdown, core::Markup::kPlain}) {
    const core::Document doc = core::parse_document(kText, markup);
    const std::vector<core::Finding> findings = core::analyze(doc, settings);
    if (std::string e = detail::check_findings(kText, findings); !e.empty()) return e;
  }
  return {};
}

/// Target 1: one whole server session (framing, JSON-RPC, lifecycle, dispatch, the analysis worker)
/// over these bytes. Input starting with "{" is JSON messages, one per line, each framed here with a
/// correct Content-Length, so the fuzzer spends its time past the framing; anything else is the raw
/// byte stream. Every message the server writes back must be a JSON-RPC 2.0 object.
inline std::string lsp_session(std::string_view data) {
  detail::quiet_logging();
  std::string stream;
  if (!data.empty() && data[0] == '{') {
    size_t start = 0;
    while (start < data.size()) {
      size_t nl = data.find('\n', start);
      if (nl == std::string_view::npos) nl = data.size();
      std::string_view line = data.substr(start, nl - start);
      if (!line.empty()) {
        stream += "Content-Length: " + std::to_string(line.size()) + "\r\n\r\n";
        stream += line;
      }
      start = nl + 1;
    }
  } else {
    stream.assign(data);
  }
  // Memory files rather than pipes: the whole input is there at once, reads end at its end, and the
  // server's output never blocks however much it writes.
  const int in = memfd_create("evidential-fuzz-in", MFD_CLOEXEC);
  const int out = memfd_create("evidential-fuzz-out", MFD_CLOEXEC);
  if (in < 0 || out < 0) return "memfd_create failed";
  for (size_t done = 0; done < stream.size();) {
    ssize_t n = ::write(in, stream.data() + done, stream.size() - done);
    if (n <= 0) return "cannot write the input";
    done += static_cast<size_t>(n);
  }
  ::lseek(in, 0, SEEK_SET);
  lsp::ServerOptions options;
  options.debounce = std::chrono::milliseconds(0);
  const int code = lsp::serve(options, in, out);
  ::close(in);
  ::lseek(out, 0, SEEK_SET);
  std::string failure;
  if (code != 0 && code != 1) failure = "serve returned " + std::to_string(code);
  lsp::MessageReader reader(out, size_t{1} << 30);
  for (;;) {
    lsp::ReadResult r = reader.next();
    if (r.kind == lsp::ReadResult::Kind::kEnd) {
      if (!r.error.empty() && failure.empty()) failure = "server output: " + r.error;
      break;
    }
    if (r.kind != lsp::ReadResult::Kind::kMessage) {
      if (failure.empty()) failure = "badly framed server output: " + r.error;
      continue;
    }
    nlohmann::json m = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (failure.empty() && (!m.is_object() || !m.contains("jsonrpc") || m["jsonrpc"] != "2.0")) {
      failure = "server wrote something that is not a JSON-RPC message: " + r.body.substr(0, 200);
    }
  }
  ::close(out);
  return failure;
}

}  // namespace evidential::fuzz
