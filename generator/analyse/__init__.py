"""Analyse: RawArticle -> AnalysedArticle with spaCy (see ``pipeline.py`` for the flow).

``run`` is what ``digest analyse`` calls: read the given files, analyse every article, return
the records in input order together with the inputs that were rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import AnalysedArticle, Rejection


@dataclass(frozen=True, slots=True)
class AnalyseResult:
    articles: tuple[AnalysedArticle, ...]
    rejections: tuple[Rejection, ...]
    notices: tuple[str, ...]
    pipeline: str


def run(paths: list[str], settings=None) -> AnalyseResult:
    from generator.analyse.pipeline import Analyser, PipelineSettings
    from generator.ingest import read_articles

    ingest = read_articles(paths)
    analyser = Analyser(settings or PipelineSettings())
    analysed = tuple(analyser.analyse(ingest.articles))
    return AnalyseResult(analysed, ingest.rejections, ingest.notices, analyser.label)
