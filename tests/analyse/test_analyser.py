"""generator/analyse/analyser.py: the analyser a build holds, its label and fingerprint read
without spaCy, the pipeline loaded only by the process that analyses."""

from __future__ import annotations

import subprocess
import sys

from generator.analyse.analyser import installed_label, spacy_version
from tests.conftest import ROOT


def test_the_label_read_from_the_models_metadata_is_the_loaded_pipelines(analyser):
    """The cache's fingerprint takes the label before the model is loaded: it must be the one
    the pipeline gives once loaded, and spaCy's version the one spaCy says."""
    import spacy

    analyser.nlp  # noqa: B018 - loaded
    assert installed_label(None) == analyser.label
    assert spacy_version() == spacy.__version__


def test_a_model_that_is_not_installed_has_no_label(tmp_path):
    assert installed_label("no_such_model_package") is None
    assert installed_label(str(tmp_path)) is None  # a folder without a model's meta.json


def test_the_build_the_digest_and_the_pages_import_no_spacy():
    """A warm build that finds its analyses in the cache (or has them made in a forked process)
    never needs spaCy: its modules must not import it (2 s of every such build)."""
    code = ("import sys, generator.build, generator.digest, generator.render.pages, generator.serve\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_the_fingerprint_is_hashed_once_until_a_data_file_changes(tmp_path, monkeypatch):
    """A build asks for the fingerprint several times: the knowledge base is read and hashed
    once, and again when a data file has another size or modification time."""
    import os

    from generator.analyse import analyser as module

    themes = tmp_path / "themes.yml"
    themes.write_text("themes: []\n", encoding="utf-8")
    settings = module.PipelineSettings(taxonomy_paths=(str(themes),))
    hashed = []
    real = module._hash_settings
    monkeypatch.setattr(module, "_hash_settings", lambda *args: hashed.append(1) or real(*args))
    first = module.settings_fingerprint(settings, "a label")
    assert module.settings_fingerprint(settings, "a label") == first
    assert len(hashed) == 1
    themes.write_text("themes: [x]\n", encoding="utf-8")
    edited = module.settings_fingerprint(settings, "a label")
    assert edited != first and len(hashed) == 2
    themes.write_text("themes: [y]\n", encoding="utf-8")  # the same size: its modification time tells
    st = themes.stat()
    os.utime(themes, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert module.settings_fingerprint(settings, "a label") not in (first, edited)
    assert module.settings_fingerprint(settings, "another label") != first
