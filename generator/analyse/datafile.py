"""Read one of our YAML data files (gazetteer, themes, lexicon), keeping line numbers.

Every mapping gets a ``__line__`` key (1-based) so that validators can say where a problem is:
``generator/data/themes.yml:12: theme 'sanctions': missing 'description'``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import ConfigError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LINE = "__line__"


# libyaml's parser when PyYAML has it (the knowledge base is ~30,000 lines: 3x faster)
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BASE):
    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def load_yaml(path: str | Path, display: str | None = None) -> dict:
    """Parse a data file into a mapping, or raise ConfigError naming the file and line."""
    display = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display}: not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{display}:{mark.line + 1}" if mark else display
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    if data is None:
        return {LINE: 1}
    if not isinstance(data, dict):
        raise ConfigError(f"{display}: expected a mapping at the top level, found {type(data).__name__}")
    return data


def where(display: str, item: object) -> str:
    line = item.get(LINE) if isinstance(item, dict) else None
    return f"{display}:{line}" if line else display


def str_list(value: object) -> tuple[str, ...] | None:
    """A list of strings (or one string) as a tuple; None when it is neither."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    return None
