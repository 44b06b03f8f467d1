"""Shared fixtures: the real English pipeline (loaded once), the seed article, sample projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT.parent / "shared" / "seeds" / "000_d3c5f261682e1747.txt"
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def analyser():
    """The full pipeline on the real trained model (loaded once per run)."""
    from generator.analyse.pipeline import Analyser

    a = Analyser()
    assert "blank" not in a.label, "the pinned trained model must be installed for the tests"
    return a


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside the project")
    return SEED


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of this repository's sample digest (config, hand-written docs, articles)."""
    project = tmp_path / "digest"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "digest.yml").write_text("articles: [articles]\ncache_dir: .digest-cache\n")
    (project / "docs").mkdir()
    for name in ("index.md", "methodology.md", "tags.md"):
        shutil.copy(ROOT / "docs" / name, project / "docs" / name)
    shutil.copytree(EXAMPLES, project / "articles")
    return project


def fixture(name: str) -> Path:
    return FIXTURES / name
