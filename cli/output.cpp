// The output contract (README "Output formats"): offsets are UTF-8 bytes into the file, end exclusive;
// lines and columns are 1-based with columns in code points. text, json and jsonl live here.
#include "cli/output.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace evidential::cli {

using nlohmann::json;

bool parse_format(std::string_view name, Format* out) {
  if (name == "text")
    *out = Format::kText;
  else if (name == "json")
    *out = Format::kJson;
  else if (name == "jsonl")
    *out = Format::kJsonl;
  else if (name == "sarif")
    *out = Format::kSarif;
  else if (name == "github")
    *out = Format::kGithub;
  else
    return false;
  return true;
}

core::LinePosition PositionCursor::at(uint32_t offset) {
  const uint32_t size = static_cast<uint32_t>(text_.size());
  if (offset > size) offset = size;
  while (offset > 0 && offset < size && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80) --offset;
  if (line_ == UINT32_MAX || offset < line_start_ || offset >= next_line_start_) {
    line_ = lines_.line_of(offset);
    line_start_ = lines_.line_start(line_);
    byte_ = line_start_;
    column_ = 0;
    checkpoints_.clear();
    next_line_start_ = line_ + 1 < lines_.line_count() ? lines_.line_start(line_ + 1) : UINT32_MAX;
  } else if (offset < byte_) {
    // Behind the cursor on the same line: every checkpoint up to byte_ has been recorded.
    const uint32_t k = (offset - line_start_) / kStride;
    byte_ = line_start_ + k * kStride;
    column_ = checkpoints_[k];
  }
  for (;;) {
    const uint32_t rel = byte_ - line_start_;
    if (rel % kStride == 0 && rel / kStride == checkpoints_.size()) checkpoints_.push_back(column_);
    if (byte_ >= offset) break;
    const uint32_t stop = std::min(offset, line_start_ + (rel / kStride + 1) * kStride);
    walked_ += stop - byte_;
    for (; byte_ < stop; ++byte_) {
      if ((static_cast<unsigned char>(text_[byte_]) & 0xC0) != 0x80) ++column_;
    }
  }
  return {line_, column_};
}

namespace {

/// Positions of one chunk, shifted to the file: the chunk starts at a line start, so only lines move.
class ChunkPositions {
 public:
  explicit ChunkPositions(const FileChunk& c) : lines_(c.doc.text()), cursor_(c.doc.text(), lines_) {}
  core::LinePosition raw(uint32_t offset) { return cursor_.at(offset); }

 private:
  core::LineIndex lines_;
  PositionCursor cursor_;
};

/// Writes one finding as the JSON object of the output contract, straight into a string: members in
/// the order nlohmann's object (a std::map) dumps them, strings escaped as it escapes them, so the
/// bytes are the same as building and dumping a json value, at a fraction of the allocations.
class FindingWriter {
 public:
  FindingWriter(const FileChunk& c, ChunkPositions& pos, std::string& out) : c_(c), pos_(pos), out_(out) {}

  void write(const core::Finding& f) {
    out_ += "{\"check\":";
    string(f.check);
    if (f.attribution) {
      out_ += ",\"cue\":";
      span(f.attribution->cue);
    }
    out_ += ",\"end\":";
    position(f.range.end);
    out_ += ",\"file\":";
    string(c_.path);
    if (!f.fixes.empty()) {
      out_ += ",\"fixes\":[";
      for (size_t i = 0; i < f.fixes.size(); ++i) {
        const core::Fix& fix = f.fixes[i];
        out_ += i ? ",{\"edits\":[" : "{\"edits\":[";
        for (size_t k = 0; k < fix.edits.size(); ++k) {
          const core::Edit& e = fix.edits[k];
          out_ += k ? ",{\"end\":" : "{\"end\":";
          number(c_.offset + e.range.end);
          out_ += ",\"replacement\":";
          string(e.replacement);
          out_ += ",\"start\":";
          number(c_.offset + e.range.start);
          out_ += '}';
        }
        out_ += "],\"title\":";
        string(fix.title);
        out_ += '}';
      }
      out_ += ']';
    }
    out_ += ",\"message\":";
    string(f.message);
    out_ += ",\"offset\":";
    offsets(f.range);
    if (!f.related.empty()) {
      out_ += ",\"related\":[";
      for (size_t i = 0; i < f.related.size(); ++i) {
        const core::Related& r = f.related[i];
        out_ += i ? ",{\"message\":" : "{\"message\":";
        string(r.message);
        out_ += ",\"offset\":";
        offsets(r.range);
        out_ += ",\"start\":";
        position(r.range.start);
        out_ += '}';
      }
      out_ += ']';
    }
    if (f.score) {
      out_ += ",\"score\":";
      score(*f.score);
    }
    out_ += ",\"severity\":";
    string(core::severity_name(f.severity));
    if (f.attribution) {
      out_ += ",\"source\":";
      span(f.attribution->source);
      if (!f.attribution->antecedent.empty()) {
        out_ += ",\"source_antecedent\":";
        span(f.attribution->antecedent);
      }
      out_ += ",\"source_kind\":";
      string(core::source_kind_name(f.attribution->kind));
      if (!f.attribution->source_note.empty()) {
        out_ += ",\"source_note\":";
        string(f.attribution->source_note);
      }
    }
    out_ += ",\"start\":";
    position(f.range.start);
    out_ += ",\"text\":";
    string(c_.doc.slice(f.range));
    out_ += '}';
  }

 private:
  // nlohmann's shortest round-trip form, from the function its serializer calls (a json value and its
  // dump cost ten times as much per finding).
  void score(double x) {
    if (!std::isfinite(x)) {
      out_ += "null";
      return;
    }
    std::array<char, 64> buf;
    char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), x);
    out_.append(buf.data(), end);
  }

  void number(uint64_t n) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, end);
  }

  void offsets(core::Range r) {
    out_ += "{\"end\":";
    number(c_.offset + r.end);
    out_ += ",\"start\":";
    number(c_.offset + r.start);
    out_ += '}';
  }

  void position(uint32_t offset) {
    const core::LinePosition p = pos_.raw(offset);
    out_ += "{\"column\":";
    number(uint64_t{p.column} + 1);
    out_ += ",\"line\":";
    number(c_.line + p.line + 1);
    out_ += '}';
  }

  void span(core::Range r) {
    // An empty range at 0 is an attribution with no source span: the same in a segment as in the
    // whole file, not moved to the segment's start.
    const uint64_t base = r.empty() && r.start == 0 ? 0 : c_.offset;
    out_ += "{\"end\":";
    number(base + r.end);
    out_ += ",\"start\":";
    number(base + r.start);
    out_ += ",\"text\":";
    string(c_.doc.slice(r));
    out_ += '}';
  }

  // As nlohmann escapes with ensure_ascii off: '"' and '\\', the short escapes for \b \f \n \r \t,
  // other control characters as \u00xx, everything else as is. A string that is not valid UTF-8 (a
  // range splitting a character would be a bug in a check) goes through nlohmann, which replaces.
  void string(std::string_view s) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const char* p = s.data();
    const size_t n = s.size();
    // Only a string with a byte above 0x7F can be invalid: test eight bytes at a time first.
    uint64_t high = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t x;
      std::memcpy(&x, p + i, 8);
      high |= x & kHigh;
    }
    for (; i < n; ++i) high |= static_cast<unsigned char>(p[i]) & 0x80;
    if (high != 0 && core::find_invalid_utf8(s) != std::string_view::npos) {
      out_ += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    }
    out_ += '"';
    size_t run = 0;  // start of the bytes not yet copied
    i = 0;
    while (i < n) {
      if (i + 8 <= n) {
        // Skip eight bytes with nothing to escape: none below 0x20, none '"' or '\\' (the exact
        // "has a byte less than" and "has a zero byte" word tests).
        uint64_t x;
        std::memcpy(&x, p + i, 8);
        const uint64_t quote = x ^ (kOnes * '"');
        const uint64_t slash = x ^ (kOnes * '\\');
        const uint64_t hits = ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash);
        if ((hits & kHigh) == 0) {
          i += 8;
          continue;
        }
      }
      for (const size_t stop = std::min(n, i + 8); i < stop; ++i) {
        const unsigned char ch = static_cast<unsigned char>(p[i]);
        if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
        out_.append(p + run, i - run);
        run = i + 1;
        switch (ch) {
          case '"':
            out_ += "\\\"";
            break;
          case '\\':
            out_ += "\\\\";
            break;
          case '\b':
            out_ += "\\b";
            break;
          case '\f':
            out_ += "\\f";
            break;
          case '\n':
            out_ += "\\n";
            break;
          case '\r':
            out_ += "\\r";
            break;
          case '\t':
            out_ += "\\t";
            break;
          default: {
            static constexpr char kHex[] = "0123456789abcdef";
            const char esc[] = {'\\', 'u', '0', '0', kHex[ch >> 4], kHex[ch & 15]};
            out_.append(esc, sizeof esc);
          }
        }
      }
    }
    out_.append(p + run, n - run);
    out_ += '"';
  }

  const FileChunk& c_;
  ChunkPositions& pos_;
  std::string& out_;
};

class TextFormatter : public Formatter {
 public:
  explicit TextFormatter(FormatOptions options) : options_(options) {}
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    ChunkPositions pos(c);
    for (const core::Finding& f : c.findings) {
      core::LinePosition p = pos.raw(f.range.start);
      std::string_view sev = core::severity_name(f.severity);
      r.text += c.path;
      r.text += ':';
      r.text += std::to_string(c.line + p.line + 1);
      r.text += ':';
      r.text += std::to_string(p.column + 1);
      r.text += ": ";
      if (options_.color) {
        r.text += f.severity == core::Severity::kError     ? "\x1b[1;31m"
                  : f.severity == core::Severity::kWarning ? "\x1b[1;33m"
                  : f.severity == core::Severity::kHint    ? "\x1b[2m"
                                                           : "\x1b[1;36m";
        r.text += sev;
        r.text += "\x1b[0m [\x1b[1m";
        r.text += f.check;
        r.text += "\x1b[0m] ";
      } else {
        r.text += sev;
        r.text += " [";
        r.text += f.check;
        r.text += "] ";
      }
      // One finding, one line: a message never breaks the compiler shape editors parse.
      for (char ch : f.message) r.text += ch == '\n' || ch == '\r' ? ' ' : ch;
      r.text += '\n';
    }
    return r;
  }

 private:
  FormatOptions options_;
};

/// About what one finding takes in JSON (388 bytes on average on the 1 MB plain-text corpus): the
/// chunk's text is reserved once instead of growing, and being copied, a dozen times over megabytes.
constexpr size_t kJsonBytesPerFinding = 400;

class JsonlFormatter : public Formatter {
 public:
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    r.text.reserve(c.findings.size() * kJsonBytesPerFinding);
    ChunkPositions pos(c);
    FindingWriter writer(c, pos, r.text);
    for (const core::Finding& f : c.findings) {
      writer.write(f);
      r.text += '\n';
    }
    return r;
  }
};

/// One array; each chunk renders its objects joined by ",\n" and the writer adds the separator between
/// chunks, so the array stays valid however files and segments are split.
class JsonFormatter : public Formatter {
 public:
  std::string begin() override { return "["; }
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    r.text.reserve(c.findings.size() * kJsonBytesPerFinding);
    ChunkPositions pos(c);
    FindingWriter writer(c, pos, r.text);
    for (const core::Finding& f : c.findings) {
      if (!r.text.empty()) r.text += ",\n";
      writer.write(f);
    }
    return r;
  }
  std::string emit(const std::string&, Rendered&& rendered) override {
    if (rendered.text.empty()) return {};
    std::string out = first_ ? "\n" : ",\n";
    first_ = false;
    return out + rendered.text;
  }
  std::string end(const RunInfo&) override { return first_ ? "]\n" : "\n]\n"; }

 private:
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Formatter> make_formatter(Format format, const FormatOptions& options) {
  switch (format) {
    case Format::kText:
      return std::make_unique<TextFormatter>(options);
    case Format::kJson:
      return std::make_unique<JsonFormatter>();
    case Format::kJsonl:
      return std::make_unique<JsonlFormatter>();
    case Format::kSarif:
      return detail::make_sarif_formatter();
    case Format::kGithub:
      return detail::make_github_formatter();
  }
  return std::make_unique<TextFormatter>(options);
}

}  // namespace evidential::cli
