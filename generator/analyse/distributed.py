"""Analysis on a Dask cluster, for backlogs too large for one machine.

Analysis is a pure function from an article (and the pipeline settings) to a record, so it
maps onto Dask as it is: the articles still to analyse are cut into chunks, each chunk is a
task, and a task returns finished records (plain frozen dataclasses, never spaCy Docs). Each
worker process loads the pipeline once, for the first chunk it gets, and keeps it.

A worker must run the same code, model and data files as the machine that builds, or its
records would not be the analysis the cache claims they are: every task returns its
pipeline's fingerprint, and a chunk analysed with another fingerprint stops the build.

``address`` is a scheduler address (``tcp://host:8786``), or ``local`` / ``local:N`` for a
``LocalCluster`` of N single-threaded worker processes on this machine (default 2).
Requires ``pip install 'digest-generator[dask]'`` (the ``distributed`` package).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.analyse.pipeline import CHUNK, Analyser, PipelineSettings
from generator.errors import BuildError
from generator.model import AnalysedArticle, RawArticle

TASK_ARTICLES = CHUNK * 4  # per task: the scheduler's overhead per task is milliseconds

_ANALYSERS: dict[PipelineSettings, Analyser] = {}  # in each worker process: loaded once


def analyse_task(articles: list[RawArticle], settings: PipelineSettings) -> tuple[str, list[AnalysedArticle]]:
    """One task, run on a worker: (the worker's pipeline fingerprint, the records)."""
    analyser = _ANALYSERS.get(settings)
    if analyser is None:
        analyser = _ANALYSERS[settings] = Analyser(settings)
    return analyser.fingerprint, list(analyser.analyse(articles, n_process=1))


def _client(address: str):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BuildError("--dask needs the 'distributed' package: pip install 'digest-generator[dask]'") from None
    if address == "local" or address.startswith("local:"):
        workers = int(address.partition(":")[2] or 2)
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        return Client(cluster), cluster
    try:
        return Client(address, timeout=30), None
    except OSError as exc:
        raise BuildError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def analyse_on_dask(
    articles: list[RawArticle], settings: PipelineSettings, fingerprint: str, address: str
) -> Iterator[AnalysedArticle]:
    """Analyse ``articles`` on a Dask cluster, yielding records in input order."""
    if not articles:
        return
    client, cluster = _client(address)
    try:
        chunks = [articles[i : i + TASK_ARTICLES] for i in range(0, len(articles), TASK_ARTICLES)]
        futures = client.map(analyse_task, chunks, settings=settings, pure=False)
        for future in futures:
            theirs, records = future.result()
            if theirs != fingerprint:
                raise BuildError(
                    f"a Dask worker runs another pipeline (fingerprint {theirs}, here {fingerprint}): "
                    "install the same code, model and data files on every worker"
                )
            yield from records
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
