#!/usr/bin/env bash
# Build the sample digest site from examples/articles/ into site/ (installs what it needs).
# Usage: bash scripts/build-site.sh [digest build options]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e . 2>&1 | { grep -v "^WARNING: Location" || true; }  # a failed install stops here (pipefail)
.venv/bin/digest build "$@"
echo "Done: open site/index.html in a browser (works offline, from file://)."
