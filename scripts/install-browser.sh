#!/usr/bin/env bash
# Installs the browser tests/test_browser.py drives, on a Debian machine (run as root):
# Debian's chromium with its matching chromium-driver, and a font. The selenium client is a dev
# dependency in pyproject.toml. Nothing else is downloaded: no `playwright install`, no Selenium
# Manager (the test names the driver).
set -euo pipefail

apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium chromium-driver fonts-dejavu-core

# Fail here, not in the tests, if either is missing (Debian's chromium wrapper prints a harmless
# shell warning when asked for its version, so only presence is checked).
command -v chromium >/dev/null && command -v chromedriver >/dev/null
