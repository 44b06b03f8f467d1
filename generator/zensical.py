"""The site stage on Zensical: the same ``mkdocs.yml`` and ``docs/`` built by Material's successor.

``build.build_site`` calls ``build_into`` when the project's engine is ``zensical``
(``digest build --engine zensical``, or ``engine: zensical`` in ``digest.yml``); MkDocs with
Material stays the default. Zensical reads ``mkdocs.yml`` itself. What must differ from the
MkDocs build is set in a small configuration file written beside it for the length of the
build, which inherits everything else from it (``INHERIT``, which Zensical supports):

- Zensical's own search is on unless switched off. Its index (``search.json``, and
  ``search.js`` for the offline plugin) would be a second index beside the digest's, and its
  box loads JSON, which browsers refuse from ``file://``. It is switched off, so the header
  gets the digest's box (``assets/digest/search.js``) as under Material; Zensical still writes
  the two files, with no entry in them, and they are removed.
- Zensical puts a page's tags after its content; Material puts them first, under the header,
  where actor and theme pages show them. ``templates/zensical/partials/content.html`` puts
  them first (the theme's ``custom_dir``, unless ``mkdocs.yml`` names one of its own).
- The site is built into the staging folder, swapped in by ``build_site`` when complete.

Zensical runs in a child process (``python -m zensical build``, through ``zensical_scan``,
which makes its link check several times faster): it is a Rust program that calls back into
Python for the configuration, the Markdown and the link check, and keeps global state.
Its cache (``.cache/`` in the project, ignored by git through its own ``.gitignore``) makes a
rebuild skip unchanged pages; ``clean`` empties it first.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.config import DigestConfig, read_mkdocs
from generator.errors import BuildError
from generator.zensical_scan import MEMO

MEMO_FILE = "digest-links.marshal"  # the references of each page, from the last build (zensical_scan)

log = logging.getLogger(__name__)
CONFIG_NAME = ".digest-zensical.yml"
THEME_DIR = Path(__file__).parent / "templates" / "zensical"
# The files of Zensical's own search (switched off: they must be empty, and are removed).
OWN_SEARCH = ("search.json", "search.js")


def _own_theme_dir(config: DigestConfig) -> bool:
    """Whether ``mkdocs.yml`` names a theme folder of its own (``theme.custom_dir``)."""
    mk = read_mkdocs(config.mkdocs_file)
    theme = mk.get("theme")
    return isinstance(theme, dict) and bool(theme.get("custom_dir"))


def limits(config: DigestConfig) -> tuple[str, ...]:
    """What the Zensical build of ``config`` cannot do that the MkDocs one does: printed by
    every build on Zensical (``BuildResult.notices``); the README lists them too."""
    out = [
        (
            "engine 'zensical': every build writes every page of the site again (its cache skips "
            "only the Markdown of unchanged pages), so a daily update of a large digest takes longer "
            "than on the default engine (mkdocs), which keeps the unchanged article pages of the last "
            "site (README: Site engine)"
        ),
        (
            "engine 'zensical': its template hides the menu overlay's label from screen readers "
            "(aria-hidden on a label), which HTML does not allow: one W3C error on every page"
        ),
    ]
    if _own_theme_dir(config):
        out.append(
            f"{config.mkdocs_file}: engine 'zensical': the theme's custom_dir is yours, so tags show "
            "after the page's content (Zensical's place), not under its header"
        )
    return tuple(out)


def installed() -> str | None:
    """Zensical's version, or None when the ``zensical`` extra is not installed."""
    if importlib.util.find_spec("zensical") is None:
        return None
    try:
        return version("zensical")
    except PackageNotFoundError:  # pragma: no cover - importable but not installed as a package
        return "unknown"


def settings(config: DigestConfig, site_dir: Path) -> str:
    """The configuration file's text: ``mkdocs.yml`` with Zensical's search off and the site
    built into ``site_dir`` (inside the project, as Zensical requires)."""
    site = os.path.relpath(site_dir, config.project_dir).replace(os.sep, "/")
    return (
        "# Written by 'digest build --engine zensical' for the length of the build.\n"
        f"INHERIT: {json.dumps(config.mkdocs_file.name)}\n"
        f"site_dir: {json.dumps(site)}\n"
        "plugins:\n"
        "  - search:\n"
        "      enabled: false\n"
    ) + ("" if _own_theme_dir(config) else f"theme:\n  custom_dir: {json.dumps(str(THEME_DIR))}\n")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WHERE = re.compile(r"\[ (\S+?) \]")


def warnings_in(output: str) -> list[str]:
    """Zensical's warnings, one line each: 'tags.md:6:15: page does not exist' (it prints each
    as a coloured drawing of the line, the file and position in a box above it)."""
    out: list[str] = []
    lines = _ANSI.sub("", output).splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Warning:"):
            what = line.removeprefix("Warning:").strip()
            where = next((m.group(1) for m in map(_WHERE.search, lines[i + 1 : i + 3]) if m), None)
            out.append(f"{where}: {what}" if where else what)
    return out


def build_into(config: DigestConfig, site_dir: Path, *, strict: bool = True, clean: bool = False) -> None:
    """Build the site of ``config`` with Zensical into ``site_dir`` (a new folder); its
    warnings are logged, one line each.

    Raises BuildError when Zensical is missing, fails, or (``strict``) warns."""
    if installed() is None:
        raise BuildError(
            f"{config.project_dir / 'digest.yml'}: engine 'zensical': Zensical is not installed: "
            "pip install -e '.[zensical]' (or build with the default engine, mkdocs)"
        )
    cfg = config.project_dir / CONFIG_NAME
    cfg.write_text(settings(config, site_dir), encoding="utf-8")
    # ``zensical build``, with a faster link scan in its pinned version (``zensical_scan``)
    command = [sys.executable, "-m", "generator.zensical_scan", "build", "-f", CONFIG_NAME]
    command += ["--strict"] if strict else []
    command += ["--clean"] if clean else []
    try:
        memo = config.project_dir / ".cache" / MEMO_FILE  # beside Zensical's cache, emptied with it
        if clean:
            memo.unlink(missing_ok=True)
        done = subprocess.run(
            command, cwd=config.project_dir, capture_output=True, text=True, check=False, env=os.environ | {MEMO: str(memo)}
        )
    finally:
        cfg.unlink(missing_ok=True)
    output = _ANSI.sub("", done.stdout + done.stderr).strip()
    log.info("zensical: %s", output)  # its progress, shown by 'digest build -v'
    warned = warnings_in(output)
    if done.returncode != 0 or not (site_dir / "index.html").is_file():
        # its warnings (docs/ paths), else the last line (a traceback's ends with the error)
        lines = [f"{config.docs_dir.name}/{w}" for w in warned] or output.splitlines()[-1:]
        if strict and warned:
            lines.append("aborted: warnings in strict mode (digest build --no-strict builds anyway)")
        raise BuildError("\n".join([f"{config.mkdocs_file}: zensical build failed:", *lines]))
    for name in OWN_SEARCH:
        path = site_dir / name
        if path.is_file():
            if '"items":[]' not in path.read_text(encoding="utf-8"):
                raise BuildError(f"{path}: Zensical wrote a search index although its search is off")
            path.unlink()
    for w in warned:  # as MkDocs reports its own: through logging, printed by the CLI
        log.warning("zensical: %s/%s", config.docs_dir.name, w)
