"""``python -m tests.golden --update``: regenerate tests/golden/docs/ from examples/articles/;
``python -m tests.golden``: compare only (what tests/test_golden.py does)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.golden import GOLDEN, build_docs, compare, generated_tree, read_golden, update


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/docs/ from a fresh build")
    args = parser.parse_args()
    if args.update:
        files, size = update()
        print(f"{GOLDEN}: {files} files, {size / 1e6:.2f} MB written; review with: git diff --stat -- tests/golden")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        problem = compare(generated_tree(build_docs(Path(tmp))), read_golden())
    print(problem or "the generated docs/ equal tests/golden/docs/")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main())
