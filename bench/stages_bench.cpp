// Per-stage costs of one document: markup layer, prose parse (markup included), analysis, output.
// The input is $EVIDENTIAL_BENCH_PLAIN / $EVIDENTIAL_BENCH_MARKDOWN (bench/run sets them to its
// generated corpora); without them, the bundled example document repeated to about 1 MB.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "cli/output.h"
#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "core/line_index.h"

namespace evidential::bench {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

/// The corpus for one markup: the file named by `env`, else the example repeated to about 1 MB.
const std::string& corpus(const char* env) {
  static std::map<std::string, std::string> cache;
  auto it = cache.find(env);
  if (it != cache.end()) return it->second;
  std::string text;
  if (const char* path = std::getenv(env); path != nullptr && *path != '\0') text = read_file(path);
  if (text.empty()) {
    std::string example = read_file(EVIDENTIAL_SOURCE_DIR "/examples/harbour-expansion.md");
    while (text.size() < (1u << 20) && !example.empty()) text += example + "\n";
  }
  return cache.emplace(env, std::move(text)).first->second;
}

const char* env_for(core::Markup m) {
  return m == core::Markup::kMarkdown ? "EVIDENTIAL_BENCH_MARKDOWN" : "EVIDENTIAL_BENCH_PLAIN";
}

void set_bytes(benchmark::State& state, const std::string& text) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_Markup(benchmark::State& state, core::Markup markup) {
  const std::string& text = corpus(env_for(markup));
  for (auto _ : state) {
    core::MarkupResult r =
        markup == core::Markup::kMarkdown ? core::parse_markdown(text) : core::parse_plain(text);
    benchmark::DoNotOptimize(r.blocks.data());
  }
  set_bytes(state, text);
}

// The block grammar over the whole Markdown text, as parse_markdown did before its line scanner: the
// reference that shows what the scanner saves.
void BM_MarkupGrammarOnly(benchmark::State& state) {
  const std::string& text = corpus(env_for(core::Markup::kMarkdown));
  for (auto _ : state) {
    core::MarkupResult r = core::parse_markdown_tree(text);
    benchmark::DoNotOptimize(r.blocks.data());
  }
  set_bytes(state, text);
}

void BM_Document(benchmark::State& state, core::Markup markup) {
  const std::string& text = corpus(env_for(markup));
  for (auto _ : state) {
    core::Document doc = core::parse_document(text, markup);
    benchmark::DoNotOptimize(doc.tokens().data());
  }
  set_bytes(state, text);
}

void BM_Analysis(benchmark::State& state, core::Markup markup) {
  const std::string& text = corpus(env_for(markup));
  core::Settings settings = config::default_settings();
  core::Document doc = core::parse_document(text, markup);
  for (auto _ : state) {
    std::vector<core::Finding> findings = core::analyze(doc, settings);
    benchmark::DoNotOptimize(findings.data());
  }
  set_bytes(state, text);
}

void BM_Output(benchmark::State& state, core::Markup markup, cli::Format format) {
  const std::string& text = corpus(env_for(markup));
  core::Settings settings = config::default_settings();
  core::Document doc = core::parse_document(text, markup);
  std::vector<core::Finding> findings = core::analyze(doc, settings);
  for (auto _ : state) {
    auto formatter = cli::make_formatter(format, {});
    const std::string path = "bench.txt";
    std::string out = formatter->begin();
    out += formatter->emit(path, formatter->render(cli::FileChunk{path, doc, findings, 0, 0}));
    out += formatter->end({});
    benchmark::DoNotOptimize(out.data());
  }
  set_bytes(state, text);
  state.counters["findings"] = static_cast<double>(findings.size());
}

void BM_LineIndex(benchmark::State& state) {
  const std::string& text = corpus(env_for(core::Markup::kPlain));
  for (auto _ : state) {
    core::LineIndex lines(text);
    benchmark::DoNotOptimize(lines.line_count());
  }
  set_bytes(state, text);
}

BENCHMARK_CAPTURE(BM_Markup, plain, core::Markup::kPlain)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Markup, markdown, core::Markup::kMarkdown)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MarkupGrammarOnly)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Document, plain, core::Markup::kPlain)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Document, markdown, core::Markup::kMarkdown)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, plain, core::Markup::kPlain)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, markdown, core::Markup::kMarkdown)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Output, plain_text, core::Markup::kPlain, cli::Format::kText)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Output, plain_jsonl, core::Markup::kPlain, cli::Format::kJsonl)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Output, plain_sarif, core::Markup::kPlain, cli::Format::kSarif)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LineIndex)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace evidential::bench

BENCHMARK_MAIN();
