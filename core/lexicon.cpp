// Phrase lists with a first-word index: matching a token position costs one hash look-up.
#include "core/lexicon.h"

#include <algorithm>
#include <cstring>

#include "core/embedded.h"

namespace evidential::core {

bool LexiconEntry::has_flag(std::string_view flag) const {
  std::string_view f = flags;
  while (!f.empty()) {
    size_t comma = f.find(',');
    std::string_view item = f.substr(0, comma);
    if (item == flag) return true;
    if (comma == std::string_view::npos) break;
    f.remove_prefix(comma + 1);
  }
  return false;
}

std::string normalise_word(std::string_view word) {
  std::string out(word.size(), '\0');
  out.resize(normalise_word_to(word, out.data()));
  return out;
}

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

/// Every byte of `x` lower-cased at once when it is an ASCII capital; every byte must be below 0x80.
/// A byte plus 0x3F reaches 0x80 from 'A' on, plus 0x25 from past 'Z' on: both sums stay below 0x100.
constexpr uint64_t lower_ascii(uint64_t x) {
  const uint64_t capitals = (x + 0x3F3F3F3F3F3F3F3FULL) & ~(x + 0x2525252525252525ULL) & kHighBits;
  return x | (capitals >> 2);  // 0x80 >> 2 is the 0x20 between 'A' and 'a'
}

template <class Word>
Word load(const char* p) {
  Word w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

template <class Word>
void store(char* p, Word w) {
  std::memcpy(p, &w, sizeof w);
}

/// An all-ASCII word of four bytes or more, lower-cased eight (or four) bytes at a time, the last
/// step overlapping the one before; false, with nothing written, for any other word.
bool normalise_ascii_word(std::string_view word, char* out) {
  const char* p = word.data();
  const size_t n = word.size();
  if (n >= 8) {
    uint64_t high = load<uint64_t>(p + n - 8);
    for (size_t i = 0; i + 8 < n; i += 8) high |= load<uint64_t>(p + i);
    if (high & kHighBits) return false;
    for (size_t i = 0; i + 8 < n; i += 8) store(out + i, lower_ascii(load<uint64_t>(p + i)));
    store(out + n - 8, lower_ascii(load<uint64_t>(p + n - 8)));
    return true;
  }
  if (n >= 4) {
    const uint32_t first = load<uint32_t>(p), last = load<uint32_t>(p + n - 4);
    if ((first | last) & 0x80808080U) return false;
    store(out, static_cast<uint32_t>(lower_ascii(first)));
    store(out + n - 4, static_cast<uint32_t>(lower_ascii(last)));
    return true;
  }
  return false;
}

}  // namespace

size_t normalise_word_to(std::string_view word, char* out) {
  // A word of four or more ASCII bytes (most words) needs no byte loop at all.
  if (normalise_ascii_word(word, out)) return word.size();
  // Written through a raw pointer, not push_back: this runs for every word of every sentence (cues,
  // attributions and claims each normalise), and the capacity check per byte was half its cost.
  char* o = out;
  const size_t n = word.size();
  // ASCII runs (nearly every word) lower-case without a branch per letter; from the first other byte on,
  // the loop below also folds curly apostrophes.
  size_t i = 0;
  for (; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 0x80) break;
    o[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
  if (i == n) return n;
  o += i;
  for (; i < n; ++i) {
    const char c = word[i];
    if (c >= 'A' && c <= 'Z') {
      *o++ = static_cast<char>(c - 'A' + 'a');
    } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < n &&
               static_cast<unsigned char>(word[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(word[i + 2]) == 0x99 ||
                static_cast<unsigned char>(word[i + 2]) == 0x98)) {
      *o++ = '\'';  // ’ or ‘
      i += 2;
    } else {
      *o++ = c;
    }
  }
  return static_cast<size_t>(o - out);
}

bool starts_upper(std::string_view t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 capitals (À-Þ) in UTF-8: C3 80-9E.
  return c == 0xC3 && t.size() > 1 && static_cast<unsigned char>(t[1]) >= 0x80 &&
         static_cast<unsigned char>(t[1]) <= 0x9E;
}

std::vector<std::string> split_phrase(std::string_view phrase) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && phrase[i] == ' ') ++i;
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ') ++j;
    if (j > i) words.push_back(normalise_word(phrase.substr(i, j - i)));
    i = j;
  }
  return words;
}

void PhraseList::add(LexiconEntry entry) {
  if (entry.words.empty()) return;
  by_first_word_[entry.words.front()].push_back(entries_.size());
  entries_.push_back(std::move(entry));
}

size_t PhraseList::remove(std::string_view phrase) {
  std::vector<std::string> words = split_phrase(phrase);
  size_t before = entries_.size();
  std::erase_if(entries_, [&](const LexiconEntry& e) { return e.words == words; });
  size_t removed = before - entries_.size();
  if (removed > 0) reindex();
  return removed;
}

void PhraseList::reindex() {
  by_first_word_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) by_first_word_[entries_[i].words.front()].push_back(i);
}

const LexiconEntry* PhraseList::longest_match(const std::vector<std::string_view>& words,
                                              size_t i) const {
  if (i >= words.size()) return nullptr;
  const std::vector<size_t>* starting = by_first_word_.find(words[i]);
  if (starting == nullptr) return nullptr;
  const LexiconEntry* best = nullptr;
  for (size_t index : *starting) {
    const LexiconEntry& e = entries_[index];
    if (i + e.words.size() > words.size()) continue;
    if (best != nullptr && e.words.size() <= best->words.size()) continue;
    bool ok = true;
    for (size_t k = 1; k < e.words.size() && ok; ++k) ok = words[i + k] == e.words[k];
    if (ok) best = &e;
  }
  return best;
}

void Lexicon::load_tsv(std::string_view list, std::string_view tsv) {
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    std::string_view line = tsv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::string_view fields[3];
    for (int f = 0; f < 3 && !line.empty(); ++f) {
      size_t tab = line.find('\t');
      fields[f] = line.substr(0, tab);
      line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    }
    add(list, fields[0], fields[1], fields[2]);
  }
}

void Lexicon::add(std::string_view list, std::string_view phrase, std::string_view category,
                  std::string_view flags) {
  LexiconEntry e;
  e.words = split_phrase(phrase);
  e.category = std::string(category);
  e.flags = std::string(flags);
  auto it = lists_.find(list);
  if (it == lists_.end()) it = lists_.emplace(std::string(list), PhraseList{}).first;
  it->second.add(std::move(e));
}

size_t Lexicon::remove(std::string_view list, std::string_view phrase) {
  auto it = lists_.find(list);
  return it == lists_.end() ? 0 : it->second.remove(phrase);
}

const PhraseList& Lexicon::list(std::string_view name) const {
  static const PhraseList kEmpty;
  auto it = lists_.find(name);
  return it == lists_.end() ? kEmpty : it->second;
}

std::vector<std::string> Lexicon::list_names() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : lists_) names.push_back(name);
  return names;
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = [] {
    Lexicon l;
    for (const EmbeddedFile& file : embedded_files()) {
      std::string_view path = file.path;
      if (path.rfind("lexicon/", 0) != 0 || path.size() < 4 || path.substr(path.size() - 4) != ".tsv") {
        continue;
      }
      // Model weights (*_model.tsv) are read by the analysis that owns them, not as phrase lists;
      // indexing them as phrases would cost a quarter of a second at every start.
      if (path.size() >= 10 && path.substr(path.size() - 10) == "_model.tsv") continue;
      std::string_view name = path.substr(8, path.size() - 8 - 4);
      l.load_tsv(name, file.data);
    }
    return l;
  }();
  return lexicon;
}

}  // namespace evidential::core
