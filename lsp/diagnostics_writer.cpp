// The direct diagnostics writer. Positions of the findings' ranges come from a forward sweep
// (PositionSweep, lsp/positions.h) because findings arrive ordered by offset; a finding with bytes that
// are not UTF-8 (never expected) goes through to_diagnostic() + nlohmann, which replaces them.
// BlockDiagnosticsWriter keeps each block's diagnostics serialized with their line numbers left out, so
// that a 1 MB document's ~13k diagnostics cost an edit little more than a copy (bench/lsp/README.md).
#include "lsp/diagnostics_writer.h"

#include <algorithm>
#include <charconv>

#include "core/utf8.h"
#include "lsp/connection.h"
#include "lsp/positions.h"

namespace evidential::lsp {

namespace {

void write_uint(uint32_t v, std::string& out) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; });
}

}  // namespace

void write_json_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the pending unescaped run
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {

/// Where one diagnostic's JSON goes. Line numbers are either written (absolute), or, for a block's
/// fragment, left out and recorded as splices relative to the block's first line.
struct Sink {
  struct Splice {
    uint32_t at;    // offset in `out` where the line number goes
    uint32_t line;  // relative to the block's first line
  };
  std::string& out;
  std::vector<Splice>* splices = nullptr;
  uint32_t base_line = 0;

  void line(uint32_t line) {
    if (splices == nullptr) {
      write_uint(line, out);
    } else {
      splices->push_back({static_cast<uint32_t>(out.size()), line - base_line});
    }
  }
  void position(Position p) {
    out += "{\"character\":";
    write_uint(p.character, out);
    out += ",\"line\":";
    line(p.line);
    out += '}';
  }
  void range(Position start, Position end) {
    out += "{\"end\":";
    position(end);
    out += ",\"start\":";
    position(start);
    out += '}';
  }
};

bool valid_utf8(std::string_view s) {
  return !has_non_ascii(s) || core::find_invalid_utf8(s) == std::string_view::npos;
}

/// Whether the direct writer can write `f` (document coordinates): every string is valid UTF-8. Others
/// take to_diagnostic() + nlohmann, which replaces invalid bytes.
bool writable(const core::Finding& f, bool related_information) {
  if (!valid_utf8(f.message)) return false;
  for (const core::Fix& fix : f.fixes) {
    if (!valid_utf8(fix.title)) return false;
    for (const core::Edit& e : fix.edits) {
      if (!valid_utf8(e.replacement)) return false;
    }
  }
  if (related_information) {
    for (const core::Related& r : f.related) {
      if (!valid_utf8(r.message)) return false;
    }
  }
  return true;
}

/// One diagnostic as to_diagnostic() + nlohmann write it (keys in nlohmann's order). `f` is in document
/// coordinates; its main range goes through the sweeps, fixes and related places (few) through the index.
void write_one(const AnalyzedDocument& doc, const core::Finding& f, bool related_information,
               PositionSweep& starts, PositionSweep& ends, Sink& sink) {
  std::string& out = sink.out;
  auto range = [&](core::Range r) {
    sink.range(to_position(*doc.lines, r.start, doc.encoding), to_position(*doc.lines, r.end, doc.encoding));
  };
  const std::string_view id = f.check;
  out += "{\"code\":";
  write_json_string(id, out);
  out += ",\"codeDescription\":{\"href\":\"";
  out += kCheckDocsBase;
  out.append(id);  // check ids are [a-z-]
  out += "\"}";
  if (!f.fixes.empty()) {
    out += ",\"data\":{\"fixes\":[";
    for (size_t i = 0; i < f.fixes.size(); ++i) {
      if (i) out += ',';
      out += "{\"edits\":[";
      for (size_t k = 0; k < f.fixes[i].edits.size(); ++k) {
        const core::Edit& e = f.fixes[i].edits[k];
        if (k) out += ',';
        out += "{\"newText\":";
        write_json_string(e.replacement, out);
        out += ",\"range\":";
        range(e.range);
        out += '}';
      }
      out += "],\"title\":";
      write_json_string(f.fixes[i].title, out);
      out += '}';
    }
    out += "]}";
  }
  out += ",\"message\":";
  write_json_string(f.message, out);
  out += ",\"range\":";
  const Position end = ends.at(f.range.end);
  sink.range(starts.at(f.range.start), end);
  if (related_information && !f.related.empty()) {
    out += ",\"relatedInformation\":[";
    for (size_t i = 0; i < f.related.size(); ++i) {
      if (i) out += ',';
      out += "{\"location\":{\"range\":";
      range(f.related[i].range);
      out += ",\"uri\":";
      write_json_string(doc.uri, out);
      out += "},\"message\":";
      write_json_string(f.related[i].message, out);
      out += '}';
    }
    out += ']';
  }
  out += ",\"severity\":";
  write_uint(static_cast<uint32_t>(f.severity), out);
  out += ",\"source\":\"";
  out += kDiagnosticSource;
  out += "\"}";
}

/// A diagnostic through the protocol types, for the findings the direct writer leaves alone.
void write_generic(const AnalyzedDocument& doc, const core::Finding& f, bool related_information,
                   std::string& out) {
  out += serialize(json(to_diagnostic(doc, f, related_information)));
}

}  // namespace

void write_diagnostics(const AnalyzedDocument& doc, bool related_information, std::string& out) {
  out += '[';
  PositionSweep starts(*doc.lines, doc.text, doc.encoding);
  PositionSweep ends(*doc.lines, doc.text, doc.encoding);
  Sink sink{out};
  bool first = true;
  for (const core::Finding& f : *doc.findings) {
    if (!first) out += ',';
    first = false;
    if (writable(f, related_information)) {
      write_one(doc, f, related_information, starts, ends, sink);
    } else {
      write_generic(doc, f, related_information, out);
    }
  }
  out += ']';
}

// ---- block by block ----

struct BlockDiagnosticsWriter::Fragment {
  std::shared_ptr<const std::vector<core::Finding>> findings;  // keeps the key's address taken
  uint32_t first_column = 0;  // the column of the block's start: positions on its first line count it
  std::string text;           // the diagnostics of the block, one after the other, without line numbers
  std::vector<Sink::Splice> splices;
  struct Item {
    uint32_t begin = 0, end = 0;                // in `text`
    uint32_t splice_begin = 0, splice_end = 0;  // in `splices`
    bool live = false;  // written afresh every time (ranges outside the block, or bytes to replace)
  };
  std::vector<Item> items;  // one per finding
  uint64_t last_used = 0;
};

BlockDiagnosticsWriter::BlockDiagnosticsWriter() = default;
BlockDiagnosticsWriter::~BlockDiagnosticsWriter() = default;

namespace {

/// Whether `f`'s position depends only on its block's bytes (and the block's first line and column).
bool moves_with_block(const core::BlockFindings& b, const core::Finding& f, bool related_information) {
  const uint32_t size = b.block.size();
  auto inside = [size](core::Range r) { return r.end <= size; };
  if (!inside(f.range)) return false;
  for (const core::Fix& fix : f.fixes) {
    for (const core::Edit& e : fix.edits) {
      if (!inside(e.range)) return false;
    }
  }
  if (related_information) {
    for (const core::Related& r : f.related) {
      if (!inside(r.range)) return false;
    }
  }
  return true;
}

}  // namespace

void BlockDiagnosticsWriter::write(const AnalyzedDocument& doc, const core::BlockedFindings& blocks,
                                   bool related_information, std::string& out) {
  stats_ = {};
  if (!blocks.ordered) {
    // Findings placed out of block order (rare: link definitions): the merged list, written directly.
    std::vector<core::Finding> merged = blocks.merged();
    AnalyzedDocument view = doc;
    view.findings = &merged;
    write_diagnostics(view, related_information, out);
    return;
  }
  if (doc.uri != uri_ || doc.encoding != encoding_ || related_information != related_) {
    fragments_.clear();
    order_.clear();
    uri_ = doc.uri;
    encoding_ = doc.encoding;
    related_ = related_information;
  }
  ++round_;
  // Room for the whole array at once (about what it took last time): growing a 4 MB string by doubling
  // would leave it up to twice the size it needs.
  const size_t begin = out.size();
  if (out.capacity() < begin + last_size_) out.reserve(begin + last_size_ + last_size_ / 16);
  const core::LineIndex& lines = *doc.lines;
  PositionSweep starts(lines, doc.text, doc.encoding);
  PositionSweep ends(lines, doc.text, doc.encoding);
  out += '[';
  bool first = true;
  size_t cursor = 0;
  std::vector<std::pair<const void*, Fragment*>> order;
  order.reserve(blocks.blocks.size());
  for (const core::BlockFindings& b : blocks.blocks) {
    ++stats_.blocks;
    const uint32_t base_line = lines.line_of(b.block.start);
    const uint32_t first_column = lines.line_start(base_line) == b.block.start
                                      ? 0
                                      : to_position(lines, b.block.start, doc.encoding).character;
    // The blocks mostly come in the order of the last write: look a few places ahead there before
    // hashing (a hash lookup per block is a scattered read per block).
    Fragment* found = nullptr;
    for (size_t k = cursor; k < order_.size() && k < cursor + 4; ++k) {
      if (order_[k].first == b.findings.get()) {
        found = order_[k].second;
        cursor = k + 1;
        break;
      }
    }
    if (found == nullptr) found = &fragments_[b.findings.get()];
    Fragment& fragment = *found;
    order.emplace_back(b.findings.get(), found);
    fragment.last_used = round_;
    if (!fragment.findings || fragment.first_column != first_column) {
      ++stats_.serialized;
      fragment.findings = b.findings;
      fragment.first_column = first_column;
      fragment.text.clear();
      fragment.splices.clear();
      fragment.items.assign(b.findings->size(), {});
      Sink sink{fragment.text, &fragment.splices, base_line};
      for (size_t i = 0; i < b.findings->size(); ++i) {
        const core::Finding& f = (*b.findings)[i];
        Fragment::Item& item = fragment.items[i];
        const core::Finding placed = b.place(f);
        if (!moves_with_block(b, f, related_information) || !writable(placed, related_information)) {
          item.live = true;
          continue;
        }
        item.begin = static_cast<uint32_t>(fragment.text.size());
        item.splice_begin = static_cast<uint32_t>(fragment.splices.size());
        write_one(doc, placed, related_information, starts, ends, sink);
        item.end = static_cast<uint32_t>(fragment.text.size());
        item.splice_end = static_cast<uint32_t>(fragment.splices.size());
      }
    }
    for (size_t i = 0; i < fragment.items.size(); ++i) {
      if (b.is_suppressed(i)) continue;
      if (!first) out += ',';
      first = false;
      const Fragment::Item& item = fragment.items[i];
      if (item.live) {
        const core::Finding placed = b.place((*b.findings)[i]);
        if (writable(placed, related_information)) {
          Sink sink{out};
          write_one(doc, placed, related_information, starts, ends, sink);
        } else {
          write_generic(doc, placed, related_information, out);
        }
        continue;
      }
      uint32_t at = item.begin;
      for (uint32_t k = item.splice_begin; k < item.splice_end; ++k) {
        const Sink::Splice& splice = fragment.splices[k];
        out.append(fragment.text, at, splice.at - at);
        write_uint(base_line + splice.line, out);
        at = splice.at;
      }
      out.append(fragment.text, at, item.end - at);
    }
  }
  out += ']';
  last_size_ = out.size() - begin;
  order_ = std::move(order);
  // Keep what this version and the previous one used, as the analyzer keeps its blocks; evicting walks
  // every fragment, so it waits until an eighth of them are stale.
  if (fragments_.size() > order_.size() + order_.size() / 8 + 64) {
    std::erase_if(fragments_, [&](const auto& f) { return f.second.last_used + 1 < round_; });
  }
}

namespace {

void write_publish_header(std::string& out) {
  out.clear();
  out += "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"diagnostics\":";
}

void write_publish_trailer(const std::string& uri, std::optional<int32_t> version, std::string& out) {
  out += ",\"uri\":";
  write_json_string(uri, out);
  if (version) {
    out += ",\"version\":";
    out += std::to_string(*version);
  }
  out += "}}";
}

}  // namespace

void write_publish_diagnostics(const std::string& uri, std::optional<int32_t> version,
                               const AnalyzedDocument* doc, bool related_information, std::string& out) {
  write_publish_header(out);
  if (doc != nullptr) {
    write_diagnostics(*doc, related_information, out);
  } else {
    out += "[]";
  }
  write_publish_trailer(uri, version, out);
}

void write_publish_diagnostics(const std::string& uri, int32_t version, const AnalyzedDocument& doc,
                               const core::BlockedFindings& blocks, BlockDiagnosticsWriter& writer,
                               bool related_information, std::string& out) {
  write_publish_header(out);
  writer.write(doc, blocks, related_information, out);
  write_publish_trailer(uri, version, out);
}

}  // namespace evidential::lsp
