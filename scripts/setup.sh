#!/usr/bin/env bash
# Create .venv (once) and install the project with its pinned dependencies into it, and
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
# axe-core for the browser tests' accessibility checks (WCAG 2.2 AA), pinned, into a git-ignored
# folder; the tests inject its axe.min.js into each page.
# Without npm only those checks are skipped (CI has npm, and there they fail instead).
if [ ! -f .cache/axe/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null; then
    npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.11.0 >/dev/null
  else
    echo "note: no npm, so no axe-core: the browser tests' accessibility checks will be skipped" >&2
  fi
fi
