// prose-tool: generates a tree-sitter parser (src/parser.c, grammar.json, node-types.json,
// tree_sitter/parser.h) from a grammar.js, using the tree-sitter 0.20.7 generator module.
// Usage: prose-tool GRAMMAR_DIR GRAMMAR_JS ABI_VERSION   (called by grammar/generate)
include!(concat!(env!("OUT_DIR"), "/generate_module.rs"));

use std::path::PathBuf;
use std::process::exit;

fn run(args: &[String]) -> anyhow::Result<()> {
    let dir = PathBuf::from(&args[1]);
    let grammar_js = &args[2];
    let abi_version: usize = args[3]
        .parse()
        .map_err(|_| anyhow::anyhow!("ABI version must be a number, got {:?}", args[3]))?;

    // With an explicit grammar path the generator does not write src/grammar.json; we want it committed
    // beside parser.c (editors and reviewers read it), so write it first from the same evaluation.
    let grammar_json = generate::load_grammar_file(grammar_js.as_ref())?;
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(dir.join("src/grammar.json"), grammar_json)?;

    generate::generate_parser_in_directory(&dir, Some(grammar_js.as_str()), abi_version, false, None)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: prose-tool GRAMMAR_DIR GRAMMAR_JS ABI_VERSION");
        exit(2);
    }
    if let Err(e) = run(&args) {
        eprintln!("prose-tool: {:#}", e);
        exit(1);
    }
}
