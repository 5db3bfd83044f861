// A small scanner for JSON with comments that records where members and values are, enough to place
// one edit; parsing the configuration itself stays in config/.
#include "lsp/config_edit.h"

#include <cctype>
#include <vector>

namespace evidential::lsp {

namespace {

struct Member {
  std::string_view key;  // raw, between the quotes
  uint32_t key_start = 0;
  core::Range value;
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  void skip_space() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  bool string(std::string_view* raw) {
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    size_t start = ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') ++i_;
      ++i_;
    }
    if (i_ >= s_.size()) return false;
    if (raw) *raw = s_.substr(start, i_ - start);
    ++i_;
    return true;
  }

  /// Skips one value; records its byte span.
  bool value(core::Range* span, int depth = 0) {
    if (depth > 256) return false;
    skip_space();
    uint32_t start = static_cast<uint32_t>(i_);
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '"') {
      if (!string(nullptr)) return false;
    } else if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++i_;
      skip_space();
      if (i_ < s_.size() && s_[i_] == close) {
        ++i_;
      } else {
        for (;;) {
          if (c == '{') {
            skip_space();
            if (!string(nullptr)) return false;
            skip_space();
            if (i_ >= s_.size() || s_[i_] != ':') return false;
            ++i_;
          }
          if (!value(nullptr, depth + 1)) return false;
          skip_space();
          if (i_ < s_.size() && s_[i_] == ',') {
            ++i_;
            continue;
          }
          if (i_ < s_.size() && s_[i_] == close) {
            ++i_;
            break;
          }
          return false;
        }
      }
    } else {
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                                s_[i_] == '+' || s_[i_] == '.')) {
        ++i_;
      }
      if (i_ == start) return false;
    }
    if (span) *span = {start, static_cast<uint32_t>(i_)};
    return true;
  }

  /// The members of the object whose '{' is at `open`.
  bool members(uint32_t open, std::vector<Member>* out) {
    i_ = open + 1;
    skip_space();
    if (i_ < s_.size() && s_[i_] == '}') return true;
    for (;;) {
      skip_space();
      Member m;
      m.key_start = static_cast<uint32_t>(i_);
      if (!string(&m.key)) return false;
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') return false;
      ++i_;
      if (!value(&m.value)) return false;
      out->push_back(m);
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      return i_ < s_.size() && s_[i_] == '}';
    }
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

/// The whitespace before `offset` on its line, to indent an inserted member like its neighbour.
std::string_view indent_before(std::string_view text, uint32_t offset) {
  uint32_t start = offset;
  while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t')) --start;
  if (start > 0 && text[start - 1] != '\n') return {};
  return text.substr(start, offset - start);
}

/// Inserts `member` as the first member of the object at `open`.
TextReplacement insert_member(std::string_view text, uint32_t open, const std::vector<Member>& members,
                              const std::string& member) {
  if (members.empty()) return {{open + 1, open + 1}, member};
  uint32_t at = members.front().key_start;
  std::string_view indent = indent_before(text, at);
  bool own_line = at > 0 && (indent.size() > 0 || text[at - 1] == '\n');
  return {{at, at}, member + (own_line ? ",\n" + std::string(indent) : std::string(", "))};
}

}  // namespace

std::optional<TextReplacement> disable_check_edit(std::string_view text, std::string_view id) {
  Scanner scan(text);
  scan.skip_space();
  core::Range root;
  if (!scan.value(&root) || text[root.start] != '{') return std::nullopt;
  std::vector<Member> top;
  if (!Scanner(text).members(root.start, &top)) return std::nullopt;
  const std::string quoted_id = "\"" + std::string(id) + "\"";
  for (const Member& m : top) {
    if (m.key != "checks") continue;
    if (text[m.value.start] != '{') return std::nullopt;
    std::vector<Member> checks;
    if (!Scanner(text).members(m.value.start, &checks)) return std::nullopt;
    for (const Member& c : checks) {
      if (c.key != id) continue;
      if (text[c.value.start] != '{') return TextReplacement{c.value, "\"off\""};
      // {"severity": ..., "threshold": ...}: change the level, keep the options.
      std::vector<Member> fields;
      if (!Scanner(text).members(c.value.start, &fields)) return std::nullopt;
      for (const Member& f : fields) {
        if (f.key == "severity") return TextReplacement{f.value, "\"off\""};
      }
      return insert_member(text, c.value.start, fields, "\"severity\": \"off\"");
    }
    return insert_member(text, m.value.start, checks, quoted_id + ": \"off\"");
  }
  return insert_member(text, root.start, top, "\"checks\": {" + quoted_id + ": \"off\"}");
}

std::string new_config_disabling(std::string_view id) {
  return "{\n  \"checks\": {\n    \"" + std::string(id) + "\": \"off\"\n  }\n}\n";
}

}  // namespace evidential::lsp
