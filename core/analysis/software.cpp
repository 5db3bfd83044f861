// Documentation of software: see software.h.
#include "core/analysis/software.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/text_map.h"
#include "core/lexicon.h"

namespace evidential::core {
namespace {

using WordSet = TextSet;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A version or build identifier, not a quantity: "5.0.0", "1.2.3-beta", "v18", "v2.1".
bool is_version_token(std::string_view t) {
  if (t.size() >= 2 && (t[0] == 'v' || t[0] == 'V') && is_digit(t[1])) {
    return std::all_of(t.begin() + 1, t.end(), [](char c) { return is_digit(c) || c == '.'; });
  }
  if (t.empty() || !is_digit(t[0])) return false;
  size_t dots = 0;
  for (char c : t) {
    if (c == '.') ++dots;
    else if (c == '-' || c == '+') break;  // "1.2.3-beta": the suffix is a pre-release tag
  }
  return dots >= 2;
}

/// A size in bytes or a duration as software states it: "10MB", "64KiB", "200ms".
bool is_unit_quantity(std::string_view t) {
  size_t k = 0;
  while (k < t.size() && (is_digit(t[k]) || t[k] == '.' || t[k] == ',' || t[k] == '_')) ++k;
  if (k == 0 || k == t.size()) return false;
  static const WordSet units = {"b", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "ms", "µs", "ns"};
  std::string unit(t.substr(k));
  for (char& c : unit) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return units.count(unit) > 0;
}

/// A licence or copyright notice: "Copyright 2021 Ana Ruiz", "© 2020 the authors", "Licensed under
/// the MIT License", "This library is released under", "MIT License.", "BSD 3 Clause.", "THE SOFTWARE
/// IS PROVIDED ...", "Permission is hereby granted". Its years and names are the terms of the software,
/// which its authors set; nobody needs to source them.
bool is_licence_notice(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  std::vector<std::string> words;
  for (const Token* t = first; t != last && words.size() < 12; ++t) {
    std::string_view text = doc.slice(t->range);
    if (text == "©") words.emplace_back("©");
    else if (t->kind == TokenKind::kWord) words.push_back(normalise_word(text));
  }
  if (words.empty()) return false;
  auto at = [&](size_t i) -> std::string_view { return i < words.size() ? std::string_view(words[i]) : ""; };
  if (at(0) == "copyright" || at(0) == "©" || at(0) == "spdx-license-identifier") return true;
  if (at(0) == "permission" && at(1) == "is" && at(2) == "hereby") return true;
  if ((at(0) == "the" || at(0) == "this") && at(1) == "software" && at(2) == "is" && at(3) == "provided") {
    return true;
  }
  static const WordSet licences = {"mit", "bsd", "isc", "gpl", "lgpl", "agpl", "apache", "mpl", "unlicense",
                                   "apache-2.0", "gpl-3.0", "mpl-2.0", "bsd-3-clause", "bsd-2-clause", "cc0"};
  bool names_licence = std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return licences.count(w) > 0 || w.starts_with("licen");
  });
  if (!names_licence) return false;
  // "Licensed under the MIT License", "This project is released under the ISC licence" ("Prisoners
  // are released under supervision" names no licence).
  static const WordSet verbs = {"licensed", "released", "distributed"};
  if (verbs.count(at(0)) && at(1) == "under") return true;
  for (size_t i = 1; i + 2 < words.size() && i < 6; ++i) {
    if ((words[i] == "is" || words[i] == "are") && verbs.count(words[i + 1]) && words[i + 2] == "under") return true;
  }
  return words.size() <= 4;  // a licence's name on its own: "MIT License.", "BSD 3 Clause."
}

}  // namespace

/// Whether the sentence names software: a code span, a version ("5.0.0", "v18", "4.x", "version 3"),
/// a command-line flag ("--force") or a size in bytes. Its figures are then defaults, limits and
/// releases the reader checks by running the software, not facts that need a source.
bool names_software(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = first; t != last; ++t) {
    std::string_view text = doc.slice(t->range);
    if (t->kind == TokenKind::kCode) return true;
    if (t->kind == TokenKind::kNumber || t->kind == TokenKind::kWord) {
      if (is_version_token(text) || is_unit_quantity(text)) return true;
      // "4.x": a release line.
      if (t->kind == TokenKind::kNumber && t + 2 < last && doc.slice(t[1].range) == "." &&
          t[1].range.start == t->range.end && doc.slice(t[2].range) == "x" && t[2].range.start == t[1].range.end) {
        return true;
      }
      // "version 3", "versions 2 and 3"
      if (t->kind == TokenKind::kNumber && t != first && t[-1].kind == TokenKind::kWord) {
        std::string_view prev = doc.slice(t[-1].range);
        if ((prev.size() == 7 || prev.size() == 8) && (prev[0] == 'v' || prev[0] == 'V') &&
            (normalise_word(prev) == "version" || normalise_word(prev) == "versions")) {
          return true;
        }
      }
    }
    // "--force": a flag, the dashes glued to the word after them.
    if (t->kind == TokenKind::kPunctuation && text == "--" && t + 1 < last && t[1].kind == TokenKind::kWord &&
        t[1].range.start == t->range.end && (t == first || t[-1].range.end < t->range.start)) {
      return true;
    }
  }
  return false;
}

std::vector<bool> software_blocks(const Document& doc) {
  std::vector<bool> out(doc.blocks().size(), false);
  for (const Sentence& sentence : doc.sentences()) {
    if (!out[sentence.block] && (names_software(doc, sentence) || is_licence_notice(doc, sentence))) {
      out[sentence.block] = true;
    }
  }
  return out;
}

void drop_inferred_in_software(const Document& doc, const std::vector<bool>& software,
                               std::vector<Attribution>& attributions) {
  std::erase_if(attributions, [&](const Attribution& a) {
    return a.inferred && a.sentence < doc.sentences().size() && software[doc.sentences()[a.sentence].block];
  });
}

/// The parts of a program and of its documentation: the head of "the function adds", "the `root`
/// property refers to", "successive calls have no effect", "the previous paragraph refers to".
bool is_program_part(std::string_view w) {
  static const WordSet parts = {
      "api", "apis", "app", "application", "argument", "arguments", "array", "arrays", "browser",
      "browsers", "buffer", "build", "call", "calls", "callback", "callbacks", "class", "classes", "cli",
      "client", "clients", "code", "command", "commands", "compiler", "component", "components", "config",
      "configuration", "directory", "directories", "element", "elements", "endpoint", "endpoints", "error",
      "errors", "event", "events", "example", "examples", "exception", "field", "fields", "file", "files",
      "flag", "flags", "folder", "folders", "function", "functions", "handler", "handlers", "header",
      "headers", "hook", "hooks", "input", "instance", "instances", "interface", "iterator", "key", "keys",
      "keyword", "keywords", "library", "libraries", "list", "method", "methods", "module", "modules",
      "node", "nodes", "object", "objects", "option", "options", "output", "package", "packages",
      "paragraph", "param", "params", "parameter", "parameters", "parser", "path", "paths", "plugin",
      "plugins", "presence", "process", "program", "promise", "property", "properties", "query", "repo",
      "repository", "request", "requests", "response", "responses", "schema", "schemas", "script",
      "scripts", "section", "server", "servers", "setting", "settings", "stream", "streams", "string",
      "strings", "support", "table", "test", "tests", "token", "tokens", "tool", "tools", "type", "types",
      "url", "urls", "user", "users", "validator", "value", "values", "variable", "variables", "version",
      "versions"};
  return parts.count(w) > 0;
}

namespace {

/// Sources that stand for nobody a reader could ask: the reader, and pronouns and relatives that
/// in documentation stand for the program ("it indicates", "which tells the proxy").
bool is_nobody(std::string_view w) {
  static const WordSet words = {"you",   "your", "yours", "it",    "its",  "this", "that",
                                "these", "those", "which", "what", "they", "them", "one"};
  return words.count(w) > 0;
}

bool agentless(const Document& doc, const Attribution& a) {
  if (a.inferred || a.source.empty()) return true;
  if (a.entry != nullptr) return false;
  // Verbs that describe what a program or a release does, or credit its authors, rather than report
  // what someone says: "TypeScript adds optional types", "No BOM added", "all future calls", "an
  // API called Temporal", "single quotes", "These definitions were written by", "See the release
  // notes", "we can tell them apart", "Unless stated otherwise".
  static const WordSet describing = {"add",    "adds",    "added",   "adding", "call",   "calls",  "called",
                                     "quote",  "quotes",  "note",    "notes",  "written", "tell",   "tells",
                                     "ask",    "asks",    "discuss", "stated", "indicate", "indicates",
                                     "expected", "considered"};
  {
    const std::vector<Token>& all = doc.tokens();
    auto t = std::lower_bound(all.begin(), all.end(), a.cue.start,
                              [](const Token& k, uint32_t at) { return k.range.start < at; });
    for (; t != all.end() && t->range.start < a.cue.end; ++t) {
      if (t->kind == TokenKind::kWord && describing.count(normalise_word(doc.slice(t->range)))) return true;
    }
  }
  if (a.writer_source) return false;
  const std::vector<Token>& tokens = doc.tokens();
  // By start: a link's token spans the words of its text, so ends are not in order.
  auto it = std::lower_bound(tokens.begin(), tokens.end(), a.source.start,
                             [](const Token& t, uint32_t at) { return t.range.start < at; });
  size_t words = 0;
  const Token* first_token = nullptr;
  const Token* last_token = nullptr;
  for (; it != tokens.end() && it->range.start < a.source.end; ++it) {
    if (it->kind == TokenKind::kCode) return true;
    if (it->kind != TokenKind::kWord) continue;
    if (first_token == nullptr) first_token = &*it;
    last_token = &*it;
    ++words;
  }
  if (first_token == nullptr) return true;
  const std::string first = normalise_word(doc.slice(first_token->range));
  if (is_nobody(first) || is_program_part(normalise_word(doc.slice(last_token->range)))) return true;
  // A speaker's label ("Lead Maintainer: Ana Ruiz", "Pre-reqs: Node 18") is a field of the page.
  if (doc.slice(a.cue) == ":") return true;
  if (words == 1) {
    std::string_view word = doc.slice(first_token->range);
    // One word in lower case is no name ("default", "validate"), unless a person's pronoun.
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' && first != "he" && first != "she") return true;
    // A capitalised word that opens the sentence far from its verb is an instruction's verb: "Run
    // this in a package directory to bump the version and write ...".
    const Sentence& sentence = doc.sentences()[a.sentence];
    const Token* opening = doc.tokens().data() + sentence.token_begin;
    while (opening < doc.tokens().data() + sentence.token_end && opening->kind != TokenKind::kWord) ++opening;
    if (first_token->range.start == opening->range.start) {
      auto next = std::lower_bound(tokens.begin(), tokens.end(), last_token->range.end,
                                   [](const Token& t, uint32_t at) { return t.range.start < at; });
      while (next != tokens.end() && next->kind != TokenKind::kWord) ++next;
      if (next != tokens.end() && next->range.start < a.cue.start) return true;
    }
  }
  return false;
}

}  // namespace

void drop_agentless_in_documentation(const Document& doc, std::vector<Attribution>& attributions) {
  if (!doc.documents_software()) return;
  std::erase_if(attributions, [&](const Attribution& a) { return agentless(doc, a); });
}

}  // namespace evidential::core
