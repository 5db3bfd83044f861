// Configuration parsing with errors that point at the file, line and column, so a typo in
// `.evidential.json` is a one-line fix (CLI exit 2; the server keeps its last good settings).
#include "config/config.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/check.h"
#include "core/embedded.h"

namespace evidential::config {

using nlohmann::json;

std::string ConfigError::to_string() const {
  std::string s = origin;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": " + message;
  return s;
}

namespace {

/// Line and column (1-based, columns in bytes) of byte offset `pos` in `text`.
void locate(std::string_view text, size_t pos, uint32_t* line, uint32_t* column) {
  *line = 1;
  *column = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      *column = 1;
    } else {
      ++*column;
    }
  }
}

constexpr int kMaxConfigDepth = 64;

/// The offset of the bracket that opens level `limit + 1` (outside strings and comments), or npos.
size_t nesting_exceeded(std::string_view text, int limit) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      const size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

/// Thrown inside this file only and converted to ConfigError at its single exit.
struct Invalid {
  std::string path;  // JSON path of the offending value, e.g. "checks.hedge"
  std::string message;
};

std::string type_name(const json& j) { return j.type_name(); }

std::vector<std::string> string_list(const json& j, const std::string& path) {
  if (!j.is_array()) throw Invalid{path, "expected an array of strings, got " + type_name(j)};
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) {
      throw Invalid{path + "[" + std::to_string(i) + "]", "expected a string, got " + type_name(j[i])};
    }
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

core::SourceEntry parse_entry(const json& j, const std::string& path) {
  if (!j.is_object()) throw Invalid{path, "expected an object, got " + type_name(j)};
  core::SourceEntry e;
  auto str = [&](const char* key, std::string& out, bool required) {
    auto it = j.find(key);
    if (it == j.end()) {
      if (required) throw Invalid{path, std::string("missing \"") + key + "\""};
      return;
    }
    if (!it->is_string()) throw Invalid{path + "." + key, "expected a string, got " + type_name(*it)};
    out = it->get<std::string>();
  };
  str("name", e.name, true);
  str("kind", e.kind, false);
  str("country", e.country, false);
  str("reliability", e.reliability, false);
  str("note", e.note, false);
  if (auto it = j.find("aliases"); it != j.end()) e.aliases = string_list(*it, path + ".aliases");
  if (auto it = j.find("domains"); it != j.end()) e.domains = string_list(*it, path + ".domains");
  return e;
}

std::vector<core::SourceEntry> parse_entries(const json& j, const std::string& path) {
  if (!j.is_array()) throw Invalid{path, "expected an array of source entries, got " + type_name(j)};
  std::vector<core::SourceEntry> out;
  for (size_t i = 0; i < j.size(); ++i) out.push_back(parse_entry(j[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

std::optional<core::Severity> parse_level(const json& j, const std::string& path) {
  if (!j.is_string()) {
    throw Invalid{path, "expected \"off\", \"hint\", \"information\", \"warning\" or \"error\", got " +
                            type_name(j)};
  }
  std::string s = j.get<std::string>();
  if (s == "off") return std::nullopt;
  core::Severity sev;
  if (!core::parse_severity(s, &sev)) {
    throw Invalid{path, "unknown level \"" + s +
                            "\" (use off, hint, information, warning or error)"};
  }
  return sev;
}

void require_check(const std::string& id, const std::string& path) {
  if (core::find_check(id) == nullptr) {
    std::string known;
    for (const core::Check* c : core::all_checks()) known += (known.empty() ? "" : ", ") + std::string(c->info().id);
    throw Invalid{path, "unknown check \"" + id + "\" (known: " + known + ")"};
  }
}

void apply_options(const json& j, const std::string& check, const std::string& path,
                   core::Settings& s) {
  if (!j.is_object()) throw Invalid{path, "expected an object of numeric options, got " + type_name(j)};
  for (const auto& [name, value] : j.items()) {
    if (!value.is_number()) throw Invalid{path + "." + name, "expected a number, got " + type_name(value)};
    s.options[check + "." + name] = value.get<double>();
  }
}

void apply(const json& root, core::Settings& s) {
  if (!root.is_object()) throw Invalid{"", "the configuration must be a JSON object, got " + type_name(root)};
  for (const auto& [key, value] : root.items()) {
    if (key == "$schema") continue;
    if (key == "checks") {
      if (!value.is_object()) throw Invalid{"checks", "expected an object, got " + type_name(value)};
      for (const auto& [id, level] : value.items()) {
        std::string path = "checks." + id;
        require_check(id, path);
        if (level.is_object()) {
          // {"severity": "warning", "threshold": 0.6}: a level plus options in one place.
          json opts = json::object();
          for (const auto& [k, v] : level.items()) {
            if (k == "severity") s.checks[id] = parse_level(v, path + ".severity");
            else opts[k] = v;
          }
          apply_options(opts, id, path, s);
        } else {
          s.checks[id] = parse_level(level, path);
        }
      }
    } else if (key == "options") {
      if (!value.is_object()) throw Invalid{"options", "expected an object, got " + type_name(value)};
      for (const auto& [id, opts] : value.items()) {
        require_check(id, "options." + id);
        apply_options(opts, id, "options." + id, s);
      }
    } else if (key == "lexicon") {
      if (!value.is_object()) throw Invalid{"lexicon", "expected an object, got " + type_name(value)};
      auto lexicon = std::make_shared<core::Lexicon>(*s.lexicon);
      for (const auto& [list, change] : value.items()) {
        std::string path = "lexicon." + list;
        if (!change.is_object()) throw Invalid{path, "expected {\"add\": [...], \"remove\": [...]}"};
        for (const auto& [op, items] : change.items()) {
          if (op == "add") {
            if (!items.is_array()) throw Invalid{path + ".add", "expected an array"};
            for (size_t i = 0; i < items.size(); ++i) {
              const json& item = items[i];
              std::string ipath = path + ".add[" + std::to_string(i) + "]";
              if (item.is_string()) {
                lexicon->add(list, item.get<std::string>());
              } else if (item.is_object() && item.contains("phrase") && item["phrase"].is_string()) {
                auto get = [&](const char* k) {
                  auto it = item.find(k);
                  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
                };
                lexicon->add(list, get("phrase"), get("category"), get("flags"));
              } else {
                throw Invalid{ipath, "expected a phrase or {\"phrase\": ..., \"category\": ...}"};
              }
            }
          } else if (op == "remove") {
            for (const std::string& phrase : string_list(items, path + ".remove")) lexicon->remove(list, phrase);
          } else {
            throw Invalid{path + "." + op, "unknown key \"" + op + "\" (use add or remove)"};
          }
        }
      }
      s.lexicon = lexicon;
    } else if (key == "sources") {
      // Same shape as the registry's entries; same name replaces, "remove": true deletes.
      if (!value.is_array()) throw Invalid{"sources", "expected an array of entries, got " + type_name(value)};
      std::vector<core::SourceEntry> entries = s.sources->entries();
      for (size_t i = 0; i < value.size(); ++i) {
        std::string path = "sources[" + std::to_string(i) + "]";
        const json& item = value[i];
        bool remove = false;
        if (auto it = item.is_object() ? item.find("remove") : item.end(); it != item.end()) {
          if (!it->is_boolean()) throw Invalid{path + ".remove", "expected true or false, got " + type_name(*it)};
          remove = it->get<bool>();
        }
        core::SourceEntry e = parse_entry(item, path);
        std::string key_name = core::normalise_name(e.name);
        std::erase_if(entries, [&](const core::SourceEntry& x) { return core::normalise_name(x.name) == key_name; });
        if (!remove) entries.push_back(std::move(e));
      }
      s.sources = std::make_shared<core::SourceRegistry>(std::move(entries));
    } else if (key == "ignore") {
      s.ignore = string_list(value, "ignore");
    } else if (key == "languages") {
      if (!value.is_object()) throw Invalid{"languages", "expected an object, got " + type_name(value)};
      for (const auto& [ext, markup] : value.items()) {
        std::string path = "languages." + ext;
        if (!markup.is_string()) throw Invalid{path, "expected \"markdown\" or \"plain\""};
        std::string m = markup.get<std::string>();
        std::string e = ext.empty() || ext[0] == '.' ? ext : "." + ext;
        if (m == "markdown") s.languages[e] = core::Markup::kMarkdown;
        else if (m == "plain" || m == "plaintext" || m == "text") s.languages[e] = core::Markup::kPlain;
        else throw Invalid{path, "unknown markup \"" + m + "\" (use markdown or plain)"};
      }
    } else {
      throw Invalid{key, "unknown key \"" + key +
                             "\" (known: checks, options, lexicon, sources, ignore, languages)"};
    }
  }
}

/// Where in the text a JSON path's last key appears: a best effort for errors about values.
void locate_path(std::string_view text, const std::string& path, uint32_t* line, uint32_t* column) {
  std::string key = path;
  size_t cut = key.find_last_of(".[");
  if (cut != std::string::npos && key[cut] == '[') {
    key = key.substr(0, cut);
    cut = key.find_last_of('.');
  }
  if (cut != std::string::npos) key = key.substr(cut + 1);
  size_t pos = key.empty() ? std::string_view::npos : text.find("\"" + key + "\"");
  if (pos == std::string_view::npos) {
    *line = 1;
    *column = 1;
    return;
  }
  locate(text, pos, line, column);
}

std::variant<core::Settings, ConfigError> apply_checked(const json& root, std::string_view origin,
                                                        std::string_view text,
                                                        const core::Settings& base) {
  core::Settings s = base;
  try {
    apply(root, s);
  } catch (const Invalid& e) {
    ConfigError err;
    err.origin = std::string(origin);
    if (!text.empty()) locate_path(text, e.path, &err.line, &err.column);
    err.message = (e.path.empty() ? "" : e.path + ": ") + e.message;
    return err;
  } catch (const json::exception& e) {
    // A value of an unexpected type that apply() read without checking: still a configuration error,
    // never an exception (the server applies workspace settings outside its request handlers).
    return ConfigError{std::string(origin), 0, 0, e.what()};
  }
  return s;
}

}  // namespace

core::Settings default_settings() {
  static const std::shared_ptr<const core::SourceRegistry> registry = [] {
    std::vector<core::SourceEntry> builtin;
    if (detail::builtin_registry(&builtin)) {
      return std::make_shared<const core::SourceRegistry>(std::move(builtin));
    }
    auto parsed = parse_registry(core::embedded_file("sources/registry.json"), "registry.json");
    // The registry is our own data, validated by tests; an error here is a build defect.
    if (auto* entries = std::get_if<std::vector<core::SourceEntry>>(&parsed)) {
      return std::make_shared<const core::SourceRegistry>(std::move(*entries));
    }
    return std::make_shared<const core::SourceRegistry>();
  }();
  core::Settings s = core::Settings::defaults();
  s.sources = registry;
  return s;
}

std::variant<core::Settings, ConfigError> parse_config(std::string_view text, std::string_view origin,
                                                       const core::Settings& base) {
  // nlohmann copies values recursively, so a file nested a few hundred thousand levels deep crashed
  // `evidential check` with a stack overflow (tests/hostile_cli_test.cpp); no configuration needs more
  // than a handful of levels.
  if (size_t at = nesting_exceeded(text, kMaxConfigDepth); at != std::string_view::npos) {
    ConfigError err;
    err.origin = std::string(origin);
    locate(text, at, &err.line, &err.column);
    err.message = "nested deeper than " + std::to_string(kMaxConfigDepth) + " levels";
    return err;
  }
  json root;
  try {
    root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/true,
                       /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    ConfigError err;
    err.origin = std::string(origin);
    locate(text, e.byte > 0 ? e.byte - 1 : 0, &err.line, &err.column);
    std::string what = e.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line ..., ":
    // keep only the part that explains the problem.
    size_t colon = what.find(": ", what.find("parse error"));
    err.message = "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
    return err;
  } catch (const json::exception& e) {
    // out_of_range for a number beyond a double ("1e999"): no position is known.
    std::string what = e.what();
    size_t bracket = what.find("] ");
    return ConfigError{std::string(origin), 0, 0,
                       "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2))};
  }
  return apply_checked(root, origin, text, base);
}

std::variant<core::Settings, ConfigError> apply_config(const json& object, std::string_view origin,
                                                       const core::Settings& base) {
  return apply_checked(object, origin, {}, base);
}

std::variant<core::Settings, ConfigError> load_config_file(const std::filesystem::path& path,
                                                           const core::Settings& base) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigError err;
    err.origin = path.string();
    err.message = "cannot read the configuration file";
    return err;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_config(buf.str(), path.string(), base);
}

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  if (!std::filesystem::is_directory(dir, ec)) dir = dir.parent_path();
  for (int depth = 0; depth < 256 && !dir.empty(); ++depth) {
    std::filesystem::path candidate = dir / kConfigFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

std::variant<std::vector<core::SourceEntry>, ConfigError> parse_registry(std::string_view text,
                                                                         std::string_view origin) {
  try {
    json root = json::parse(text.begin(), text.end(), nullptr, true, true);
    if (!root.is_object() || !root.contains("entries")) throw Invalid{"", "expected {\"entries\": [...]}"};
    return parse_entries(root["entries"], "entries");
  } catch (const json::exception& e) {
    return ConfigError{std::string(origin), 0, 0, e.what()};
  } catch (const Invalid& e) {
    return ConfigError{std::string(origin), 0, 0, e.path + ": " + e.message};
  }
}

}  // namespace evidential::config
