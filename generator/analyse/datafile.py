"""Read one of our YAML data files (gazetteer, themes, lexicon), keeping line numbers; keep what
is derived from them between runs.

Every mapping gets a ``__line__`` key (1-based) so that validators can say where a problem is:
``generator/data/themes.yml:12: theme 'sanctions': missing 'description'``.

``derived`` keeps what a loader makes from data files (the merged knowledge base: 1-2 s of YAML
every time the pipeline is loaded) in the project's cache folder (``kept_in``), under a hash of
those files' content and of the code that makes it; the next run reads it back in milliseconds.
A changed data file or loader is another key (the old entry is replaced); an entry that cannot
be read is made again from the files, with a warning. Read back, it may only hold plain values
and the classes its loader names (``_Unpickler``), so a file put in the cache folder cannot run
code.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import yaml

from generator.atomic import write_atomic
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


# --------------------------------------------------------------------------- derived data kept

DERIVED_DIR = "knowledge-v1"  # in the project's cache folder
_kept_in: Path | None = None  # set by ``kept_in``: where ``derived`` keeps what it makes
T = TypeVar("T")


@contextmanager
def kept_in(cache_dir: Path | None) -> Iterator[None]:
    """While the block runs, ``derived`` keeps what it makes under ``cache_dir`` (None: nowhere)."""
    global _kept_in
    before, _kept_in = _kept_in, cache_dir
    try:
        yield
    finally:
        _kept_in = before


class _Unpickler(pickle.Unpickler):
    """Plain values (str, numbers, tuples, lists, dicts, sets), dates and the ``classes`` given."""

    PLAIN = frozenset({("builtins", "set"), ("builtins", "frozenset"), ("datetime", "date")})

    def __init__(self, data: bytes, classes: Sequence[type]):
        super().__init__(io.BytesIO(data))
        self.classes = {(c.__module__, c.__qualname__): c for c in classes}

    def find_class(self, module: str, name: str):
        if (module, name) in self.classes:
            return self.classes[(module, name)]
        if (module, name) in self.PLAIN:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed here")


def derived_key(kind: str, sources: Sequence[Path], code: Sequence[Path]) -> str | None:
    """A hash of the data files and the code ``kind`` is made from; None when one cannot be read
    (the loader then says why)."""
    h = hashlib.sha256(f"{kind}|{sys.version_info[:2]}|{yaml.__version__}|".encode())
    try:
        for path in (*sources, *code, Path(__file__)):
            data = Path(path).read_bytes()
            h.update(f"{path}|{len(data)}|".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()[:24]


def derived(kind: str, sources: Sequence[Path], make: Callable[[], T], *, code: Sequence[Path] = (),
            classes: Sequence[type] = ()) -> T:
    """``make()``, or what it made from the same ``sources`` and ``code`` before, read back from
    the folder ``kept_in`` set. ``classes``: those its result is made of besides plain values."""
    key = derived_key(kind, sources, code) if _kept_in is not None else None
    if key is None:
        return make()
    found = read_kept(kind, key, classes)
    if found is not None:
        return found[0]
    value = make()
    keep(kind, key, value)
    return value


def read_kept(kind: str, key: str, classes: Sequence[type] = ()) -> tuple[object] | None:
    """(what ``keep`` kept as ``kind`` under ``key``,), or None: none kept (or no ``kept_in``
    folder), or not readable (with a warning)."""
    if _kept_in is None:
        return None
    path = _kept_in / DERIVED_DIR / f"{kind}-{key}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None  # not made yet
    try:
        value = _Unpickler(data, classes).load()
        if not isinstance(value, tuple) or len(value) != 2 or value[0] != key:
            raise pickle.UnpicklingError("another key")
        return (value[1],)
    except Exception:  # noqa: BLE001 - truncated, corrupt or foreign: made again
        warnings.warn(f"{path}: unreadable cache: made again from the data files", RuntimeWarning, stacklevel=3)
        return None


def keep(kind: str, key: str, value: object) -> None:
    """Write ``value`` as ``kind`` under ``key`` in the ``kept_in`` folder (if any), in place of
    what was kept as ``kind`` under another key."""
    if _kept_in is None:
        return
    folder = _kept_in / DERIVED_DIR
    path = folder / f"{kind}-{key}.pickle"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL), fault="knowledge")
        for old in folder.glob(f"{kind}-*.pickle"):  # made from other files or code
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: made again next time
