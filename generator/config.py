"""DigestConfig: the project's settings, from ``digest.yml`` beside ``mkdocs.yml``.

``digest.yml`` is optional; every key has a default. ``docs_dir`` and ``site_dir`` come from
``mkdocs.yml`` itself (MkDocs owns them). Relative paths are relative to the project folder.

    articles: [articles]      # files or folders of articles
    gazetteer: []             # extra actor files (add to or override the defaults)
    themes: []                # extra theme files
    lexicon: null             # a replacement lexicon file
    model: null               # a spaCy package name; default: the pinned English model
    cache_dir: .digest-cache  # analysis cache (safe to delete)
    keep_unknown_actors: true # index people/organisations the model finds outside the gazetteer
    off_topic_actors: false   # give actors to articles that match no theme (sport, markets...)
    feeds: []                 # RSS/Atom feed URLs or files that 'digest fetch' reads
    sources: null             # a YAML file grading sources A-F (NATO/Admiralty): {host: B, ...}
    dates: null               # a CSV of path,date for articles with no date in their fields,
                              # file name or text
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.errors import ConfigError

CONFIG_FILE = "digest.yml"
_KEYS = {"articles", "gazetteer", "themes", "lexicon", "model", "cache_dir", "keep_unknown_actors", "off_topic_actors", "feeds", "sources", "dates"}


@dataclass(frozen=True, slots=True)
class DigestConfig:
    project_dir: Path
    mkdocs_file: Path
    docs_dir: Path
    site_dir: Path
    articles: tuple[str, ...] = ("articles",)  # as written in digest.yml or on the command line
    articles_root: Path | None = None  # what relative article paths are relative to
    gazetteer: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    lexicon: str | None = None
    model: str | None = None
    cache_dir: Path | None = None
    keep_unknown_actors: bool = True
    off_topic_actors: bool = False
    notes: tuple[str, ...] = field(default=())
    feeds: tuple[str, ...] = ()  # URLs, or paths as written in digest.yml (relative to project_dir)
    source_grades: dict[str, str] = field(default_factory=dict)  # source -> A-F
    dates: dict[str, dt.date] = field(default_factory=dict)  # article path -> date, from the dates CSV
    dates_file: Path | None = None


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses tags such as !ENV or !!python/name."""


_PermissiveLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _read_yaml(path: Path, loader=yaml.SafeLoader) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=loader)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    return data


def _paths(value: object, key: str, where: Path, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(f"{where}: '{key}' must be a path or a list of paths")
    return ()


def load_config(project_dir: str | Path = ".", articles: tuple[str, ...] = ()) -> DigestConfig:
    """Read ``mkdocs.yml`` and ``digest.yml`` in ``project_dir``; ``articles`` overrides."""
    project = Path(project_dir)
    mkdocs_file = project / "mkdocs.yml"
    if not mkdocs_file.is_file():
        raise ConfigError(f"{mkdocs_file}: not found: run 'digest build' in a digest project (see 'digest init')")
    mk = _read_yaml(mkdocs_file, _PermissiveLoader)
    docs_dir = project / str(mk.get("docs_dir") or "docs")
    site_dir = project / str(mk.get("site_dir") or "site")

    cfg_file = project / CONFIG_FILE
    data = _read_yaml(cfg_file) if cfg_file.is_file() else {}
    problems = [f"{cfg_file}: unknown setting '{k}' (known: {', '.join(sorted(_KEYS))})" for k in sorted(set(data) - _KEYS)]
    conf_articles = _paths(data.get("articles", ["articles"]), "articles", cfg_file, problems)
    gazetteer = _paths(data.get("gazetteer"), "gazetteer", cfg_file, problems)
    themes = _paths(data.get("themes"), "themes", cfg_file, problems)
    lexicon = data.get("lexicon")
    model = data.get("model")
    keep = data.get("keep_unknown_actors", True)
    off_topic = data.get("off_topic_actors", False)
    if lexicon is not None and not isinstance(lexicon, str):
        problems.append(f"{cfg_file}: 'lexicon' must be a path")
    if model is not None and not isinstance(model, str):
        problems.append(f"{cfg_file}: 'model' must be a spaCy package name")
    if not isinstance(keep, bool):
        problems.append(f"{cfg_file}: 'keep_unknown_actors' must be true or false")
    if not isinstance(off_topic, bool):
        problems.append(f"{cfg_file}: 'off_topic_actors' must be true or false")
    feeds = _paths(data.get("feeds"), "feeds", cfg_file, problems)
    for feed in feeds:
        scheme = urlsplit(feed).scheme.lower()
        if len(scheme) > 1 and scheme not in ("http", "https"):  # one letter: a Windows drive
            problems.append(f"{cfg_file}: 'feeds': not an http(s) URL or a file: {feed}")
    cache = data.get("cache_dir", ".digest-cache")
    for p in (*gazetteer, *themes, *([lexicon] if isinstance(lexicon, str) else [])):
        if not (project / p).is_file():
            problems.append(f"{cfg_file}: data file not found: {p}")
    if problems:
        raise ConfigError(problems)

    def rel(p: str) -> str:
        return str(Path(p)) if Path(p).is_absolute() else str(project / p)

    grades = _source_grades(data.get("sources"), project, cfg_file, problems)
    dates_file, dates = _dates(data.get("dates"), project, cfg_file, problems)
    if problems:
        raise ConfigError(problems)
    return DigestConfig(
        project_dir=project,
        mkdocs_file=mkdocs_file,
        docs_dir=docs_dir,
        site_dir=site_dir,
        articles=tuple(articles) if articles else conf_articles,
        articles_root=None if articles else project,
        gazetteer=tuple(rel(p) for p in gazetteer),
        themes=tuple(rel(p) for p in themes),
        lexicon=rel(lexicon) if isinstance(lexicon, str) else None,
        model=model,
        cache_dir=(project / cache) if cache else None,
        keep_unknown_actors=keep,
        off_topic_actors=off_topic,
        feeds=feeds,
        source_grades=grades,
        dates=dates,
        dates_file=dates_file,
    )


def _dates(value: object, project: Path, cfg_file: Path, problems: list[str]) -> tuple[Path | None, dict[str, dt.date]]:
    """Read the dates CSV (``path,date`` rows) named by ``dates:``."""
    if value is None:
        return None, {}
    if not isinstance(value, str):
        problems.append(f"{cfg_file}: 'dates' must be the path of a CSV file (path,date)")
        return None, {}
    path = project / value
    if not path.is_file():
        problems.append(f"{cfg_file}: dates file not found: {value}")
        return None, {}
    from generator.ingest.dates import read_dates_csv

    try:
        return path, read_dates_csv(path, value)
    except ConfigError as exc:
        problems.extend(exc.problems)
        return None, {}


GRADES = ("A", "B", "C", "D", "E", "F")


def _source_grades(value: object, project: Path, cfg_file: Path, problems: list[str]) -> dict[str, str]:
    """Read the sources file: each source (host or outlet name) mapped to a grade A-F."""
    if value is None:
        return {}
    if not isinstance(value, str):
        problems.append(f"{cfg_file}: 'sources' must be the path of a YAML file")
        return {}
    path = project / value
    if not path.is_file():
        problems.append(f"{cfg_file}: sources file not found: {value}")
        return {}
    try:
        data = _read_yaml(path)
    except ConfigError as exc:
        problems.extend(exc.problems)
        return {}
    grades = {}
    for source, grade in data.items():
        if isinstance(grade, dict):
            grade = grade.get("grade")
        grade = str(grade).strip().upper() if grade is not None else ""
        if grade not in GRADES:
            problems.append(f"{path}: source '{source}': grade must be one of {', '.join(GRADES)}: {grade or 'missing'}")
            continue
        grades[str(source)] = grade
    return grades
