// Points the wrapper at the generator sources of the fetched Debian tree-sitter source tree
// (TREE_SITTER_SOURCE_DIR, set by grammar/generate) and provides the constants those sources expect.
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let source_dir = env::var("TREE_SITTER_SOURCE_DIR")
        .expect("TREE_SITTER_SOURCE_DIR must name an unpacked tree-sitter 0.20.7 source tree (run grammar/generate)");
    let generate_mod = PathBuf::from(&source_dir).join("cli/src/generate/mod.rs");
    let generate_mod = generate_mod
        .canonicalize()
        .unwrap_or_else(|e| panic!("cannot find {}: {}", generate_mod.display(), e));

    // main.rs includes this file; the module's own submodules resolve relative to its mod.rs.
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("generate_module.rs");
    fs::write(&out, format!("#[path = {:?}]\npub mod generate;\n", generate_mod.to_str().unwrap()))
        .expect("cannot write generate_module.rs");

    // binding_files.rs reads this at compile time; we never generate bindings, but it must exist.
    println!("cargo:rustc-env=RUST_BINDING_VERSION=0.20.7");
    println!("cargo:rerun-if-env-changed=TREE_SITTER_SOURCE_DIR");
    println!("cargo:rerun-if-changed=build.rs");
}
