// `evidential checks`, `evidential explain ID` and `evidential parse FILE`: documentation and
// diagnostics, all derived from the checks' own metadata and the real parsers.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "config/config.h"
#include "core/check.h"
#include "core/document.h"

namespace evidential::cli {

namespace {

/// "Some [[experts say]] it works." -> "Some experts say it works." with the marked part underlined.
std::string render_example(std::string_view example, bool* flagged) {
  bool markdown = example.rfind("md:", 0) == 0;
  if (markdown) example.remove_prefix(3);
  std::string text, marks;
  *flagged = false;
  bool inside = false;
  for (size_t i = 0; i < example.size(); ++i) {
    if (example.substr(i, 2) == "[[") {
      inside = true;
      *flagged = true;
      ++i;
      continue;
    }
    if (example.substr(i, 2) == "]]" && inside) {
      inside = false;
      ++i;
      continue;
    }
    text += example[i];
    // One mark per code point: continuation bytes add nothing.
    if ((static_cast<unsigned char>(example[i]) & 0xC0) != 0x80) marks += inside ? '^' : ' ';
  }
  while (!marks.empty() && marks.back() == ' ') marks.pop_back();
  return "    " + text + (marks.empty() ? "" : "\n    " + marks);
}

}  // namespace

int run_checks(const std::vector<std::string>& args) {
  bool json = !args.empty() && (args[0] == "--format=json" || (args[0] == "--format" && args.size() > 1 && args[1] == "json"));
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const core::Check* c : core::all_checks()) {
      const core::CheckInfo& i = c->info();
      nlohmann::json examples = nlohmann::json::array();
      for (std::string_view e : i.examples) examples.push_back(std::string(e));
      out.push_back({{"id", std::string(i.id)},
                     {"summary", std::string(i.summary)},
                     {"rationale", std::string(i.rationale)},
                     {"advice", std::string(i.advice)},
                     {"default_severity", std::string(core::severity_name(i.default_severity))},
                     {"category", std::string(core::category_name(i.category))},
                     {"examples", examples}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  size_t width = 0;
  for (const core::Check* c : core::all_checks()) width = std::max(width, c->info().id.size());
  for (const core::Check* c : core::all_checks()) {
    const core::CheckInfo& i = c->info();
    std::string id(i.id);
    std::string sev(core::severity_name(i.default_severity));
    std::cout << id << std::string(width + 2 - id.size(), ' ') << sev << std::string(13 - sev.size(), ' ')
              << i.summary << "\n";
  }
  return kExitOk;
}

int run_explain(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: evidential explain CHECK-ID   (evidential checks lists them)\n";
    return kExitError;
  }
  const core::Check* c = core::find_check(args[0]);
  if (c == nullptr) {
    std::cerr << "evidential explain: unknown check \"" << args[0] << "\"; known checks:";
    for (const core::Check* k : core::all_checks()) std::cerr << " " << k->info().id;
    std::cerr << "\n";
    return kExitError;
  }
  const core::CheckInfo& i = c->info();
  std::cout << i.id << " (" << core::severity_name(i.default_severity) << ", "
            << core::category_name(i.category) << ")\n\n"
            << i.summary << "\n\n"
            << "Why it matters\n  " << i.rationale << "\n\n"
            << "What to do\n  " << i.advice << "\n";
  std::string flagged_out, clean_out;
  for (std::string_view e : i.examples) {
    bool flagged = false;
    std::string r = render_example(e, &flagged);
    (flagged ? flagged_out : clean_out) += r + "\n";
  }
  if (!flagged_out.empty()) std::cout << "\nFlagged\n" << flagged_out;
  if (!clean_out.empty()) std::cout << "\nNot flagged\n" << clean_out;
  std::cout << "\nConfigure in .evidential.json: {\"checks\": {\"" << i.id
            << "\": \"off|hint|information|warning|error\"}}\n";
  return kExitOk;
}

int run_parse(const std::vector<std::string>& args) {
  std::string path;
  bool json = false, tree = true;
  std::optional<core::Markup> forced;
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--format=json" || (a == "--format" && k + 1 < args.size() && args[k + 1] == "json")) {
      json = true;
      if (a == "--format") ++k;
    } else if (a == "--format=text" || (a == "--format" && k + 1 < args.size())) {
      if (a == "--format") ++k;
    } else if (a == "--no-tree") {
      tree = false;
    } else if (a == "--markdown") {
      forced = core::Markup::kMarkdown;
    } else if (a == "--plain") {
      forced = core::Markup::kPlain;
    } else if (path.empty() && (a == "-" || a[0] != '-')) {
      path = a;
    } else {
      std::cerr << "usage: evidential parse [--format text|json] [--no-tree] [--markdown|--plain] FILE\n";
      return kExitError;
    }
  }
  if (path.empty()) {
    std::cerr << "usage: evidential parse [--format text|json] [--no-tree] [--markdown|--plain] FILE\n";
    return kExitError;
  }
  std::string text;
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    text = buf.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "evidential parse: " << path << ": cannot read the file\n";
      return kExitError;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  core::Settings settings = config::default_settings();
  std::string ext = std::filesystem::path(path).extension().string();
  auto lang = settings.languages.find(ext);
  core::Markup markup = forced ? *forced : lang != settings.languages.end() ? lang->second : core::Markup::kPlain;
  core::Document doc = core::parse_document(std::move(text), markup);

  static constexpr std::string_view kKinds[] = {"paragraph", "heading", "table_cell"};
  if (json) {
    nlohmann::json out;
    out["file"] = path;
    out["markup"] = markup == core::Markup::kMarkdown ? "markdown" : "plain";
    out["blocks"] = nlohmann::json::array();
    for (const core::Block& b : doc.blocks()) {
      out["blocks"].push_back({{"kind", std::string(kKinds[static_cast<int>(b.kind)])},
                               {"start", b.range.start},
                               {"end", b.range.end}});
    }
    out["sentences"] = nlohmann::json::array();
    for (const core::Sentence& s : doc.sentences()) {
      out["sentences"].push_back({{"start", s.range.start}, {"end", s.range.end}, {"block", s.block}});
    }
    out["quotations"] = nlohmann::json::array();
    for (const core::Quotation& q : doc.quotations()) {
      out["quotations"].push_back({{"start", q.range.start}, {"end", q.range.end}});
    }
    out["citations"] = nlohmann::json::array();
    for (const core::Citation& c : doc.citations()) {
      out["citations"].push_back({{"start", c.range.start}, {"end", c.range.end}, {"target", std::string(doc.slice(c.target))}});
    }
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  auto quoted = [](std::string_view t) {
    std::string s = "\"";
    for (char c : t) {
      if (c == '\n') s += "\\n";
      else if (c == '"') s += "\\\"";
      else s += c;
    }
    return s + "\"";
  };
  std::cout << path << ": " << (markup == core::Markup::kMarkdown ? "markdown" : "plain") << ", "
            << doc.blocks().size() << " block(s), " << doc.sentences().size() << " sentence(s)\n";
  size_t next_sentence = 0;
  for (size_t b = 0; b < doc.blocks().size(); ++b) {
    const core::Block& block = doc.blocks()[b];
    std::cout << "\nblock " << b << " " << kKinds[static_cast<int>(block.kind)];
    if (block.heading_level) std::cout << " level " << int(block.heading_level);
    if (block.quote_depth) std::cout << " quote_depth " << int(block.quote_depth);
    if (block.list_depth) std::cout << " list_depth " << int(block.list_depth);
    std::cout << " [" << block.range.start << ", " << block.range.end << ")\n";
    while (next_sentence < doc.sentences().size() && doc.sentences()[next_sentence].block == b) {
      const core::Sentence& s = doc.sentences()[next_sentence];
      std::cout << "  sentence " << next_sentence << " [" << s.range.start << ", " << s.range.end
                << ") " << quoted(doc.slice(s.range)) << "\n";
      ++next_sentence;
    }
    if (tree) {
      std::istringstream lines(core::prose_syntax_tree(doc, block));
      std::string line;
      while (std::getline(lines, line)) std::cout << "    " << line << "\n";
    }
  }
  return kExitOk;
}

}  // namespace evidential::cli
