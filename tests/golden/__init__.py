"""The golden tree: the Markdown the sample corpus builds, checked in, compared file by file.

``tests/golden/docs/`` holds what ``digest build --no-site`` writes under ``docs/`` for
``examples/articles/`` (the generated folders only: the hand-written pages are in ``docs/``
already). ``tests/test_golden.py`` builds it again and compares, so any change of a page shows
as a diff in review. Left out, because they are not pages and their diffs say nothing to a
reader: the search index's shards (``search/t``, ``search/d``, ``search/f``; its manifest,
which names their hashes, is kept) and ``assets/digest/`` (copies of generator/templates/assets).
The gzip'd downloads are kept decompressed, under their names without ``.gz``
(``downloads/articles.jsonl`` for ``articles.jsonl.gz``), so that their diffs can be read.

After a change that is meant to change pages, regenerate it (one command) and review the diff:

    .venv/bin/python -m tests.golden --update
"""

from __future__ import annotations

import difflib
import gzip
import shutil
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "docs"
UPDATE_COMMAND = ".venv/bin/python -m tests.golden --update"
EXCLUDED = ("search/t/", "search/d/", "search/f/", "assets/digest/")
SHOWN_DIFFS, DIFF_LINES = 3, 40


def build_docs(where: Path, analyser=None) -> Path:
    """Build the sample corpus with ``--no-site`` in a fresh project under ``where``; its docs/."""
    from generator.build import run
    from generator.config import load_config
    from tests.conftest import make_project

    project = make_project(where)
    run(load_config(project), site=False, analyser=analyser)
    return project / "docs"


def generated_tree(docs: Path) -> dict[str, bytes]:
    """The files of the generated folders of ``docs``, by path relative to it (``/`` separated)."""
    from generator.render.pages import OWNED

    tree = {}
    for folder in OWNED:
        for path in sorted((docs / folder).rglob("*")):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and not rel.startswith(EXCLUDED):
                if rel.endswith(".gz"):
                    tree[rel.removesuffix(".gz")] = gzip.decompress(path.read_bytes())
                else:
                    tree[rel] = path.read_bytes()
    return tree


def compare(actual: dict[str, bytes], expected: dict[str, bytes]) -> str | None:
    """None when equal; else what differs: missing and extra files, and unified diffs of the
    first differing files, then how to regenerate."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(p for p in set(actual) & set(expected) if actual[p] != expected[p])
    if not (missing or extra or changed):
        return None
    out = [f"the generated docs/ differ from tests/golden/docs/: {len(changed)} changed, {len(missing)} missing, {len(extra)} extra"]
    if missing:
        out.append("missing (in the golden tree, not built): " + ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""))
    if extra:
        out.append("extra (built, not in the golden tree): " + ", ".join(extra[:20]) + (" ..." if len(extra) > 20 else ""))
    for path in changed[:SHOWN_DIFFS]:
        old = expected[path].decode("utf-8", "replace").splitlines(keepends=True)
        new = actual[path].decode("utf-8", "replace").splitlines(keepends=True)
        diff = list(difflib.unified_diff(old, new, f"golden/{path}", f"built/{path}", n=2))
        out.append("".join(diff[:DIFF_LINES]) + (f"... ({len(diff) - DIFF_LINES} more diff lines)\n" if len(diff) > DIFF_LINES else ""))
    if len(changed) > SHOWN_DIFFS:
        out.append(f"... and {len(changed) - SHOWN_DIFFS} more changed: " + ", ".join(changed[SHOWN_DIFFS:SHOWN_DIFFS + 20]))
    out.append(f"If the change is intended, regenerate the golden tree and review its diff: {UPDATE_COMMAND}")
    return "\n".join(out)


def update(golden: Path = GOLDEN) -> tuple[int, int]:
    """Build the sample corpus and write its generated tree to ``golden``; (files, bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = generated_tree(build_docs(Path(tmp)))
    shutil.rmtree(golden, ignore_errors=True)
    for rel, data in tree.items():
        path = golden / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(tree), sum(len(d) for d in tree.values())


def read_golden(golden: Path = GOLDEN) -> dict[str, bytes]:
    return {p.relative_to(golden).as_posix(): p.read_bytes() for p in sorted(golden.rglob("*")) if p.is_file()}
