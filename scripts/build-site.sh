#!/usr/bin/env bash
# Build the sample digest site from examples/articles/ into site/ (installs what it needs).
# Usage: bash scripts/build-site.sh [digest build options, e.g. --engine zensical]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Zensical is an optional extra, installed when the build uses it: --engine zensical, or else
# engine: zensical in digest.yml (as the GitHub Pages workflow builds: .github/workflows/pages.yml)
EXTRA=""
case " $* " in
  *" --engine zensical "*|*" --engine=zensical "*) EXTRA="[zensical]" ;;
  *" --engine "*|*" --engine="*) ;;
  *) if grep -Eq "^engine:[[:space:]]*[\"']?zensical[\"']?[[:space:]]*(#.*)?$" digest.yml 2>/dev/null; then EXTRA="[zensical]"; fi ;;
esac
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$EXTRA" 2>&1 | { grep -v "^WARNING: Location" || true; }  # a failed install stops here (pipefail)
.venv/bin/digest build "$@"
echo "Done: open site/index.html in a browser (works offline, from file://)."
