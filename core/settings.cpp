// Default settings and the severity/option look-ups every check goes through.
#include "core/settings.h"

#include "core/check.h"

namespace evidential::core {

Settings Settings::defaults() {
  Settings s;
  s.lexicon = std::shared_ptr<const Lexicon>(&Lexicon::builtin(), [](const Lexicon*) {});
  s.sources = std::make_shared<SourceRegistry>();
  s.languages = {{".md", Markup::kMarkdown},       {".markdown", Markup::kMarkdown},
                 {".mdown", Markup::kMarkdown},    {".mkd", Markup::kMarkdown},
                 {".txt", Markup::kPlain},         {".text", Markup::kPlain}};
  return s;
}

std::optional<Severity> Settings::severity_of(const CheckInfo& check) const {
  auto it = checks.find(check.id);
  if (it == checks.end()) return check.default_severity;
  return it->second;
}

double Settings::option(std::string_view check_id, std::string_view name, double fallback) const {
  std::string key;
  key.reserve(check_id.size() + 1 + name.size());
  key.append(check_id).append(".").append(name);
  auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

}  // namespace evidential::core
