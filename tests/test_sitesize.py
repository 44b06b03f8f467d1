"""generator/sitesize.py: the site's bytes by folder, and the warnings against GitHub Pages' limit.

The whole command (its last line and its warning on a real build) is in tests/test_cli.py.
"""

from __future__ import annotations

import pytest

from generator.errors import ConfigError
from generator.sitesize import PAGES_LIMIT, SiteSize, limit_from_env, measure, report


def test_measure_counts_every_file_under_its_top_level_folder(tmp_path):
    files = {"index.html": 300, "404.html": 100, "articles/a.html": 5000, "articles/b.html": 4000,
             "search/t/ab.js": 700, "search/d/1.js": 800, "downloads/2024-01/mentions.csv.gz": 2500}
    for rel, n in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * n)
    size = measure(tmp_path)
    assert size == SiteSize(13400, 7, (("articles", 9000), ("downloads", 2500), ("search", 1500), ("other", 400)))


def test_report_warns_from_eighty_percent_of_the_limit_naming_the_biggest_parts():
    size = SiteSize(1_234_000_000, 20_707, (("articles", 600_000_000), ("downloads", 500_000_000),
                                            ("search", 84_000_000), ("actors", 40_000_000), ("themes", 6_000_000),
                                            ("other", 4_000_000)))
    line, warning = report(size)
    assert line == ("site size: 1,234.0 MB in 20,707 files (articles 600.0 MB, downloads 500.0 MB, search 84.0 MB, "
                    "actors 40.0 MB, themes 6.0 MB, the rest 4.0 MB)")
    assert warning == ("the site is 1,234.0 MB, over GitHub Pages' limit of 1,000.0 MB for a published site: a deploy "
                       "may fail; the biggest parts: articles 600.0 MB, downloads 500.0 MB, search 84.0 MB, the rest 50.0 MB")
    _, soft = report(SiteSize(850_000_000, 1, (("articles", 850_000_000),)))
    assert soft == "the site is 850.0 MB, 85% of GitHub Pages' limit of 1,000.0 MB: the biggest parts: articles 850.0 MB"
    assert report(SiteSize(790_000_000, 1, (("articles", 790_000_000),)))[1] is None


@pytest.mark.parametrize(("text", "limit"), [("", PAGES_LIMIT), ("2500000", 2_500_000), ("500MB", 500_000_000),
                                             ("1.5 gb", 1_500_000_000), ("64KB", 64_000)])
def test_the_limit_comes_from_the_environment(text, limit):
    assert limit_from_env({"DIGEST_SITE_LIMIT": text}) == limit


def test_a_limit_that_is_not_a_size_is_a_configuration_error():
    with pytest.raises(ConfigError, match="DIGEST_SITE_LIMIT='-5': not a size"):
        limit_from_env({"DIGEST_SITE_LIMIT": "-5"})
