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
    watchlists: []            # what to follow: [{name, actors, themes, words, figures}], see below
    engine: mkdocs            # what builds site/: mkdocs (MkDocs + Material) or zensical

A watchlist matches an article when every list it gives matches (any item of each list):

    watchlists:
      - name: Troops abroad
        actors: [North Korea]
        themes: [troop-deployment]
        words: ["special forces"]
        figures: [{measure: personnel, min: 10000}]

Every problem of a watchlist is reported at once, as ``digest.yml:line: what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.errors import ConfigError
from generator.model import FigureRule, Watchlist
from generator.slugs import unique_slugs

CONFIG_FILE = "digest.yml"
_KEYS = {"articles", "gazetteer", "themes", "lexicon", "model", "cache_dir", "keep_unknown_actors", "off_topic_actors", "feeds", "sources", "dates",
         "watchlists", "engine"}
WATCH_KEYS = ("name", "actors", "themes", "words", "figures")
FIGURE_KEYS = ("measure", "min", "max")
ENGINES = ("mkdocs", "zensical")


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
    watchlists: tuple[Watchlist, ...] = ()
    site_name: str = "Digest"
    site_url: str | None = None  # from mkdocs.yml (its !ENV tag resolved): feeds need it
    config_file: Path | None = None  # digest.yml, for messages about its watchlists
    engine: str = "mkdocs"  # one of ENGINES: what builds the site from mkdocs.yml and docs/


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses tags such as !ENV or !!python/name."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """MkDocs' ``!ENV VAR`` / ``!ENV [VAR, ..., default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node)
    for name in items[:-1]:
        if isinstance(name, str) and os.environ.get(name):
            return os.environ[name]
    return items[-1] if items else None


_PermissiveLoader.add_constructor("!ENV", _env_tag)
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


def read_mkdocs(path: Path) -> dict:
    """``mkdocs.yml`` as data (tags such as ``!ENV`` read as None)."""
    return _read_yaml(path, _PermissiveLoader)


def load_config(project_dir: str | Path = ".", articles: tuple[str, ...] = (), engine: str | None = None) -> DigestConfig:
    """Read ``mkdocs.yml`` and ``digest.yml`` in ``project_dir``; ``articles`` and ``engine``
    (from the command line) override them."""
    project = Path(project_dir)
    mkdocs_file = project / "mkdocs.yml"
    if not mkdocs_file.is_file():
        raise ConfigError(f"{mkdocs_file}: not found: run 'digest build' in a digest project (see 'digest init')")
    mk = read_mkdocs(mkdocs_file)
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
    engine = engine or data.get("engine", "mkdocs")
    if engine not in ENGINES:
        problems.append(f"{cfg_file}: 'engine' must be one of {', '.join(ENGINES)}: {engine!r}")
    for p in (*gazetteer, *themes, *([lexicon] if isinstance(lexicon, str) else [])):
        if not (project / p).is_file():
            problems.append(f"{cfg_file}: data file not found: {p}")
    if problems:
        raise ConfigError(problems)

    def rel(p: str) -> str:
        return str(Path(p)) if Path(p).is_absolute() else str(project / p)

    grades = _source_grades(data.get("sources"), project, cfg_file, problems)
    dates_file, dates = _dates(data.get("dates"), project, cfg_file, problems)
    watchlists = _watchlists(cfg_file, problems) if data.get("watchlists") is not None else ()
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
        watchlists=watchlists,
        site_name=str(mk.get("site_name") or "Digest"),
        site_url=str(mk["site_url"]) if mk.get("site_url") else None,
        config_file=cfg_file,
        engine=engine,
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


def _watchlists(cfg_file: Path, problems: list[str]) -> tuple[Watchlist, ...]:
    """The ``watchlists`` setting, read from the YAML nodes so that each problem has its line."""
    root = yaml.compose(cfg_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    node = next((v for k, v in root.value if k.value == "watchlists"), None)

    def at(n: yaml.Node, message: str) -> None:
        problems.append(f"{cfg_file}:{n.start_mark.line + 1}: {message}")

    if not isinstance(node, yaml.SequenceNode):
        at(node, "'watchlists' must be a list of watchlists (each with a name)")
        return ()
    found: list[tuple[dict, int]] = []
    names: dict[str, int] = {}
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            at(item, "a watchlist must be a mapping with 'name' and at least one of actors, themes, words, figures")
            continue
        fields = {k.value: v for k, v in item.value}
        raw_name = fields.get("name")
        name = raw_name.value.strip() if isinstance(raw_name, yaml.ScalarNode) and raw_name.tag.endswith(":str") else ""
        label = f"watchlist '{name}'" if name else "watchlist"
        if not name:
            at(raw_name or item, f"{label}: 'name' is missing or not text")
        elif name.lower() in names:
            at(raw_name, f"{label}: name used twice (first at line {names[name.lower()]})")
        else:
            names[name.lower()] = raw_name.start_mark.line + 1
        for key, value in item.value:
            if key.value not in WATCH_KEYS:
                at(key, f"{label}: unknown key '{key.value}' (known: {', '.join(WATCH_KEYS)})")
        lists = {}
        for key in ("actors", "themes", "words"):
            value = fields.get(key)
            if value is None:
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str"):
                value = yaml.SequenceNode("tag:yaml.org,2002:seq", [value], value.start_mark, value.end_mark)
            if not isinstance(value, yaml.SequenceNode) or not value.value:
                at(value, f"{label}: '{key}' must be a list of text")
                continue
            items = []
            for v in value.value:
                if isinstance(v, yaml.ScalarNode) and v.tag.endswith(":str") and v.value.strip():
                    items.append(v.value.strip())
                else:
                    at(v, f"{label}: '{key}': not text: {v.value if isinstance(v, yaml.ScalarNode) else '(a list or mapping)'}")
            lists[key] = tuple(items)
        figures = _figure_rules(fields.get("figures"), label, at)
        if not (lists or figures) and not any(k in fields for k in ("actors", "themes", "words", "figures")):
            at(item, f"{label}: give at least one of actors, themes, words, figures")
        found.append(({"name": name, **lists, "figures": figures}, item.start_mark.line + 1))
    slugs = unique_slugs([d["name"] or "watchlist" for d, _ in found])
    return tuple(
        Watchlist(name=d["name"], slug=slugs[d["name"] or "watchlist"], actors=d.get("actors", ()), themes=d.get("themes", ()),
                  words=d.get("words", ()), figures=d["figures"], line=line)
        for d, line in found
    )


def _figure_rules(node: yaml.Node | None, label: str, at) -> tuple[FigureRule, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        at(node, f"{label}: 'figures' must be a list of {{measure, min}}")
        return ()
    rules = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            at(item, f"{label}: 'figures': each must be a mapping such as {{measure: personnel, min: 10000}}")
            continue
        fields = {k.value: v for k, v in item.value}
        for key, _ in item.value:
            if key.value not in FIGURE_KEYS:
                at(key, f"{label}: 'figures': unknown key '{key.value}' (known: {', '.join(FIGURE_KEYS)})")
        measure = fields.get("measure")
        if not (isinstance(measure, yaml.ScalarNode) and measure.tag.endswith(":str") and measure.value.strip()):
            at(measure or item, f"{label}: 'figures': 'measure' is missing or not text")
            continue
        bounds = {}
        for key in ("min", "max"):
            value = fields.get(key)
            if value is None:
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag.endswith((":int", ":float")):
                bounds[key] = float(yaml.safe_load(value.value))
            else:
                at(value, f"{label}: 'figures': '{key}' must be a number: {getattr(value, 'value', '')}")
        rules.append(FigureRule(measure.value.strip(), bounds.get("min"), bounds.get("max")))
    return tuple(rules)
