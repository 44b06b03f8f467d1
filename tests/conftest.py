"""Shared fixtures: the real English pipeline (loaded once), the seed article, sample projects."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def bench_module(name: str):
    """A script of ``bench/`` imported as a module (they are scripts, not a package the tests import)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT.parent / "shared" / "seeds" / "000_d3c5f261682e1747.txt"
EXAMPLES = ROOT / "examples" / "articles"


def cannot_run(reason: str) -> None:
    """A check whose tool is missing: skipped on a developer's machine (with the reason), failed
    under CI=true, where a check that cannot run must never pass silently."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason} (CI=true: a check that cannot run fails)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def analyser():
    """The full pipeline on the real trained model (loaded once per run)."""
    from generator.analyse.pipeline import Analyser

    a = Analyser()
    assert "blank" not in a.label, "the pinned trained model must be installed for the tests"
    return a


@pytest.fixture(scope="session")
def labelled_stories(analyser):
    """The labelled story set (tests/data/stories/): its bench module and every file read on its
    own and analysed (once per run: the grouping's and the story cache's tests share it)."""
    m = bench_module("stories_eval")
    return m, tuple(analyser.analyse(m.read_each(m.article_files(ROOT / "tests" / "data" / "stories" / "articles"))))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside the project")
    return SEED


def make_project(where: Path, articles: list[Path] | None = None, settings: str = "articles: [articles]\n") -> Path:
    """A digest project in ``where/digest``: this repository's mkdocs.yml and hand-written
    pages, the given article files (default: the sample corpus) and ``digest.yml``."""
    project = where / "digest"
    (project / "docs").mkdir(parents=True)
    (project / "articles").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("index.md", "methodology.md", "tags.md"):
        shutil.copy(ROOT / "docs" / name, project / "docs" / name)
    for article in articles if articles is not None else sorted(EXAMPLES.iterdir()):
        shutil.copy(article, project / "articles" / article.name)
    (project / "digest.yml").write_text(settings)
    return project


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of this repository's sample digest (config, hand-written docs, articles)."""
    return make_project(tmp_path, settings="articles: [articles]\ncache_dir: .digest-cache\n")


def fixture(name: str) -> Path:
    return FIXTURES / name


def assert_reads_cleanly(name: str, data: bytes) -> None:
    """Whatever the bytes, a file named ``name`` reads into articles or clear rejections."""
    import tempfile

    from generator.ingest import read_articles
    from generator.model import RawArticle, Rejection

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        result = read_articles([str(path)])
    for item in (*result.articles, *result.rejections):
        assert isinstance(item, (RawArticle, Rejection))
        if isinstance(item, Rejection):
            assert item.reason and "unexpected error" not in item.reason


@pytest.fixture(autouse=True)
def _fault_counts_start_from_zero():
    """``faults.point`` counts calls per process: a test that sets DIGEST_FAULT_POINT counts
    from zero whatever ran before it in this process."""
    from generator import faults

    faults._calls.clear()
    yield
    faults._calls.clear()
