"""bench/warm_stages.py: a warm build's first stages timed in one process, on a built project."""

from __future__ import annotations

import shutil

from generator.build import run
from generator.config import load_config
from tests.conftest import bench_module


def test_warm_stages_times_each_stage_on_the_projects_cache_or_a_copy(sample_project, analyser):
    run(load_config(sample_project), site=False, analyser=analyser)
    m = bench_module("warm_stages")
    times = m.stages(sample_project, None)
    assert list(times) == ["read", "inputs key", "cached read", "digest", "changes", "release"]
    assert all(t >= 0 for t in times.values())
    copy = sample_project.parent / "cache-copy"
    shutil.copytree(sample_project / ".digest-cache", copy)
    before = sorted(p.relative_to(sample_project) for p in (sample_project / ".digest-cache").rglob("*"))
    assert list(m.stages(sample_project, copy)) == list(times)
    assert sorted(p.relative_to(sample_project) for p in (sample_project / ".digest-cache").rglob("*")) == before
