"""Intelligence digest generator: news articles in, a searchable MkDocs site out.

The flow, one folder or module per stage: ``ingest`` (files -> RawArticle), ``analyse``
(RawArticle -> AnalysedArticle with spaCy), ``model`` (every article -> one Digest),
``render`` (Digest -> Markdown under ``docs/``) and ``build`` (the whole flow, then MkDocs).
"""

__version__ = "0.1.0"
