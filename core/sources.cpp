// Registry look-ups by alias and by domain; the data itself is parsed in config/ (the core reads no JSON).
#include "core/sources.h"

#include <algorithm>

namespace evidential::core {

std::string normalise_name(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (text.substr(i, 3) == "’" || text.substr(i, 3) == "‘") {
      out.push_back('\'');
      i += 2;
    } else if (text.substr(i, 3) == "“" || text.substr(i, 3) == "”") {
      out.push_back('"');
      i += 2;
    } else if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

SourceRegistry::SourceRegistry(std::vector<SourceEntry> entries) : entries_(std::move(entries)) {
  for (size_t i = 0; i < entries_.size(); ++i) {
    auto add_alias = [&](const std::string& alias) {
      std::string key = normalise_name(alias);
      if (key.empty()) return;
      // Two spellings with the same words (a name "The Economist", an alias "the Economist"): keep the
      // one with fewer capitals, so the capitalisation test is no stricter than the data intends.
      auto [it, inserted] = by_alias_.emplace(key, AliasRef{i, alias});
      if (!inserted && it->second.entry == i) {
        auto capitals = [](const std::string& t) {
          return std::count_if(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        };
        if (capitals(alias) < capitals(it->second.spelling)) it->second.spelling = alias;
      }
      size_t words = 1;
      for (char c : key) words += c == ' ';
      max_alias_words_ = std::max(max_alias_words_, words);
    };
    add_alias(entries_[i].name);
    for (const std::string& alias : entries_[i].aliases) add_alias(alias);
    for (const std::string& domain : entries_[i].domains) by_domain_.emplace(normalise_name(domain), i);
  }
}

namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/// Curly double quotes (“ ”) are punctuation, not letters, although their bytes are >= 0x80.
bool is_curly_double_quote(std::string_view text, size_t i) {
  return text.substr(i, 3) == "“" || text.substr(i, 3) == "”";
}

bool word_at(std::string_view text, size_t i) {
  return i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])) &&
         !is_curly_double_quote(text, i) && !(i >= 1 && is_curly_double_quote(text, i - 1)) &&
         !(i >= 2 && is_curly_double_quote(text, i - 2));
}

/// The length of `text` without a trailing possessive ("Russia's", "Russia’s").
size_t without_possessive(std::string_view text) {
  if (text.size() > 2 && (text.substr(text.size() - 2) == "'s")) return text.size() - 2;
  if (text.size() > 4 && text.substr(text.size() - 4) == "’s") return text.size() - 4;
  return text.size();
}

/// Whether every word that `alias` starts with a capital letter also starts with one in `text`; the
/// two have the same words once normalised.
bool capitals_agree(std::string_view alias, std::string_view text) {
  size_t a = 0, t = 0;
  while (a < alias.size() && t < text.size()) {
    while (a < alias.size() && !is_word_byte(static_cast<unsigned char>(alias[a]))) ++a;
    while (t < text.size() && !is_word_byte(static_cast<unsigned char>(text[t]))) ++t;
    if (a >= alias.size() || t >= text.size()) break;
    bool upper_alias = alias[a] >= 'A' && alias[a] <= 'Z';
    bool upper_text = text[t] >= 'A' && text[t] <= 'Z';
    if (upper_alias && !upper_text) return false;
    while (a < alias.size() && is_word_byte(static_cast<unsigned char>(alias[a]))) ++a;
    while (t < text.size() && is_word_byte(static_cast<unsigned char>(text[t]))) ++t;
  }
  return true;
}

}  // namespace

const SourceEntry* SourceRegistry::match(std::string_view name) const {
  auto it = by_alias_.find(normalise_name(name));
  if (it == by_alias_.end() || !capitals_agree(it->second.spelling, name)) return nullptr;
  return &entries_[it->second.entry];
}

const SourceEntry* SourceRegistry::find_alias(std::string_view name) const {
  if (const SourceEntry* e = match(name)) return e;
  if (name.size() > 4 && (name.substr(0, 4) == "the " || name.substr(0, 4) == "The ")) {
    return match(name.substr(4));
  }
  return nullptr;
}

const SourceEntry* SourceRegistry::find_in(std::string_view text, size_t* pos, size_t* len) const {
  // Try every word start, longest span first (by word count), so "Russia Today" beats "Russia".
  const SourceEntry* best = nullptr;
  size_t best_pos = 0, best_len = 0;
  std::vector<size_t> ends;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!word_at(text, i)) continue;
    if (i > 0 && word_at(text, i - 1)) continue;
    size_t end = i;
    size_t words = 0;
    ends.clear();
    while (end < text.size() && words < max_alias_words_) {
      while (end < text.size() &&
             (word_at(text, end) || text[end] == '-' || text[end] == '.' || text[end] == '\'' ||
              text[end] == '&' || text[end] == '/')) {
        ++end;
      }
      ends.push_back(end);
      ++words;
      while (end < text.size() && text[end] == ' ') ++end;
      if (end >= text.size() || !word_at(text, end)) break;
    }
    for (size_t k = ends.size(); k-- > 0;) {
      size_t e = ends[k];
      std::string_view span = text.substr(i, e - i);
      const SourceEntry* hit = match(span);
      // A sentence stop or a possessive is not part of the name: "U.S." keeps its dot, "Reuters."
      // and "Russia’s" lose theirs.
      if (hit == nullptr && !span.empty() && span.back() == '.') {
        span.remove_suffix(1);
        hit = match(span);
      }
      if (hit == nullptr && without_possessive(span) < span.size()) {
        span = span.substr(0, without_possessive(span));
        hit = match(span);
      }
      if (hit != nullptr) {
        if (best == nullptr || span.size() > best_len) {
          best = hit;
          best_pos = i;
          best_len = span.size();
        }
        break;
      }
    }
  }
  if (pos) *pos = best_pos;
  if (len) *len = best_len;
  return best;
}

const SourceEntry* SourceRegistry::find_domain(std::string_view url) const {
  size_t scheme = url.find("://");
  std::string_view host = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  size_t end = host.find_first_of("/?#:");
  if (end != std::string_view::npos) host = host.substr(0, end);
  std::string h = normalise_name(host);
  while (!h.empty()) {
    auto it = by_domain_.find(h);
    if (it != by_domain_.end()) return &entries_[it->second];
    size_t dot = h.find('.');
    if (dot == std::string::npos) break;
    h.erase(0, dot + 1);
    if (h.find('.') == std::string::npos) break;  // never match a bare top-level domain
  }
  return nullptr;
}

}  // namespace evidential::core
