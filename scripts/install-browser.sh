#!/usr/bin/env bash
# Installs what tests/test_browser.py needs on a fresh Debian machine (run as root):
# Debian's chromium with its matching chromium-driver, a font, and the selenium client.
# Nothing else is downloaded: no `playwright install`, no Selenium Manager (the test names the driver).
# Usage: scripts/install-browser.sh [PYTHON]   (PYTHON defaults to .venv/bin/python when present)
set -euo pipefail

apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium chromium-driver fonts-dejavu-core

python="${1:-}"
if [[ -z "$python" && -x .venv/bin/python ]]; then
    python=.venv/bin/python
fi
if [[ -n "$python" ]]; then
    "$python" -m pip install -q "selenium>=4.20"
fi

chromium --version
chromedriver --version
