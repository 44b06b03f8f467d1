"""``digest init``: create a new digest project from ``templates/project``."""

from __future__ import annotations

from pathlib import Path

from generator.errors import ConfigError

TEMPLATE = Path(__file__).parent / "templates" / "project"
_RENAME = {"gitignore": ".gitignore"}


def create(directory: str | Path, name: str | None = None) -> list[Path]:
    """Write the project files; refuses to overwrite an existing project."""
    target = Path(directory)
    if (target / "mkdocs.yml").exists():
        raise ConfigError(f"{target / 'mkdocs.yml'}: already exists: not overwriting an existing project")
    site_name = (name or target.resolve().name.replace("-", " ").replace("_", " ").title() or "Digest").replace('"', "'")
    created = []
    for src in sorted(TEMPLATE.rglob("*")):
        if not src.is_file():
            continue
        rel = src.relative_to(TEMPLATE)
        dest = target / rel.parent / _RENAME.get(rel.name, rel.name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8")
        if src.name in ("mkdocs.yml", "index.md"):
            text = text.replace("{site_name}", site_name)
        dest.write_text(text, encoding="utf-8")
        created.append(dest)
    return created
