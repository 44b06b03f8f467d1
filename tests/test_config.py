"""generator/config.py: the watchlists setting and the site URL from mkdocs.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.config import load_config
from generator.errors import ConfigError
from generator.model import FigureRule
from tests.conftest import ROOT, fixture


def project(tmp_path: Path, settings: str) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "digest.yml").write_text(settings)
    return tmp_path


def test_config_reads_watchlists_with_their_lines(tmp_path):
    config = load_config(project(tmp_path, fixture("watchlists/good.yml").read_text()))
    troops, sanctions = config.watchlists
    assert (troops.name, troops.slug, troops.line) == ("Troops abroad", "troops-abroad", 3)
    assert troops.actors == ("North Korea",) and troops.themes == ("troop-deployment",)
    assert troops.words == ("special forces",)
    assert troops.figures == (FigureRule("personnel", 10000.0, None),)
    assert sanctions.actors == ("Russia",) and sanctions.line == 8  # one name for a list of one


def test_config_rejects_a_malformed_watchlist_with_every_problem_and_its_line(tmp_path):
    where = project(tmp_path, fixture("watchlists/bad.yml").read_text()) / "digest.yml"
    with pytest.raises(ConfigError) as err:
        load_config(where.parent)
    assert err.value.problems == [
        f"{where}:6: watchlist 'Troops abroad': unknown key 'colour' (known: name, actors, themes, words, figures)",
        f"{where}:7: watchlist: 'name' is missing or not text",
        f"{where}:8: watchlist 'Troops abroad': name used twice (first at line 3)",
        f"{where}:9: watchlist 'Troops abroad': 'words': not text: 12",
        f"{where}:10: watchlist 'Troops abroad': 'figures': 'min' must be a number: many",
        f"{where}:11: watchlist 'Nothing to match': give at least one of actors, themes, words, figures",
        f"{where}:12: a watchlist must be a mapping with 'name' and at least one of actors, themes, words, figures",
    ]


def test_build_stops_on_a_watchlist_theme_the_taxonomy_lacks_before_reading_articles(tmp_path):
    where = project(tmp_path, fixture("watchlists/unknown_theme.yml").read_text())
    result = CliRunner().invoke(cli, ["build", "-C", str(where)])
    assert result.exit_code == 2, result.output
    assert f"error: {where / 'digest.yml'}:3: watchlist 'Troops abroad': unknown theme 'troops-abroad' (known: " in result.output
    assert not (where / "docs").exists()  # nothing was written


def test_config_resolves_the_site_url_of_mkdocs_env_tag(tmp_path, monkeypatch):
    where = project(tmp_path, "articles: [articles]\n")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config(where).site_url == "https://example.org/digest/"  # the default the tag gives
    monkeypatch.setenv("SITE_URL", "https://analyst.example/digest/")
    assert load_config(where).site_url == "https://analyst.example/digest/"
    (where / "mkdocs.yml").write_text("site_name: No address\n")
    assert load_config(where).site_url is None
