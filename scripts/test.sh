#!/usr/bin/env bash
# Run the whole test suite (installs the package, the test tools, Zensical, and Chromium,
# axe-core and vnu-jar if missing).
# Usage: bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,zensical]' 2>&1 | { grep -v "^WARNING: Location" || true; }  # a failed install stops here (pipefail)
# Browser tests drive Debian's Chromium (browser downloads by test tools do not work offline).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "warning: chromium not found (install Debian's 'chromium' package); browser tests will be skipped" >&2
  fi
fi
# The accessibility tests inject axe-core and the HTML check runs the W3C Nu HTML Checker
# (vnu-jar, on Java); both pinned in package.json / package-lock.json.
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
      || echo "warning: npm ci failed; the accessibility and HTML tests will be skipped" >&2
  else
    echo "warning: npm not found; the accessibility and HTML tests will be skipped" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
