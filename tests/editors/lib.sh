# Shared by the editor tests: locate the repository and the server binary, install what is missing.
# Sourced, not run. Each test takes the evidential binary as its first argument, else $EVIDENTIAL,
# else build/evidential.
editors_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

editors_binary() {
  local bin=${1:-${EVIDENTIAL:-$editors_repo/build/evidential}}
  if [ ! -x "$bin" ]; then
    echo "no evidential binary at $bin (build it, or pass its path)" >&2
    return 2
  fi
  (cd "$(dirname "$bin")" && echo "$(pwd)/$(basename "$bin")")
}

# Installs neovim, emacs-nox and elpa-eglot through scripts/install-deps when $1 is not on PATH.
editors_need() {
  command -v "$1" >/dev/null 2>&1 || "$editors_repo/scripts/install-deps" editors
}

# A scratch project holding the fixture documents, with a .git marker as its root.
editors_workspace() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/evidential-editors.XXXXXX")
  mkdir -p "$dir/project/.git"
  cp "$editors_repo/tests/editors/fixtures/"* "$dir/project/"
  echo "$dir"
}
