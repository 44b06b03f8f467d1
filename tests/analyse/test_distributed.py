"""generator/analyse/distributed.py: the analysis on a local Dask cluster (two worker
processes) gives exactly the records of a local run, and a worker with another pipeline is
refused."""

from __future__ import annotations

import pytest

from generator.analyse.distributed import analyse_on_dask
from generator.analyse.pipeline import Analyser
from generator.build import run, settings_for
from generator.cache import AnalysisCache
from generator.config import load_config
from generator.errors import BuildError
from generator.ingest import read_articles
from generator.model import article_to_json
from tests.conftest import make_project

pytestmark = pytest.mark.slow


def test_a_local_dask_cluster_fills_the_cache_with_the_local_records(tmp_path):
    project = make_project(tmp_path, settings="articles: [articles]\ncache_dir: .digest-cache\n")
    config = load_config(project)
    result = run(config, site=False, dask="local:2")
    assert result.analysed == result.built == 23

    analyser = Analyser(settings_for(config))
    articles = read_articles(config.articles, config.articles_root).articles
    cache = AnalysisCache(config.cache_dir, analyser.fingerprint)
    remote = [cache.get(a) for a in articles]
    assert all(remote)
    local = list(analyser.analyse(articles, n_process=1))
    assert [article_to_json(a) for a in remote] == [article_to_json(a) for a in local]

    again = run(config, site=False, dask="local:2")  # all cached: no cluster needed
    assert again.analysed == 0

    with pytest.raises(BuildError, match="another pipeline"):
        list(analyse_on_dask(list(articles[:1]), analyser.settings, "not-this-pipeline", "local:1"))
