"""generator/render/__init__.py: how the whole-digest jobs are shared between the page workers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.model import Digest
from generator.render.pages import _Job, _share, _whole_jobs
from generator.render.search import TERMS_FILE


def test_each_job_goes_to_one_worker_and_the_loads_are_balanced():
    jobs = [(5.0, "a"), (1.0, "b"), (4.0, "c"), (2.0, "d"), (3.0, "e"), (1.0, "f")]
    parts = [_share(jobs, k, 2) for k in range(2)]
    assert sorted(parts[0] + parts[1]) == sorted(j for _, j in jobs)
    loads = [sum(c for c, j in jobs if j in part) for part in parts]
    assert abs(loads[0] - loads[1]) <= 1.0
    assert _share(jobs, 0, 1) == [j for _, j in sorted(jobs, key=lambda cj: -cj[0])]  # one worker: all, costliest first


def test_cold_caches_make_the_search_terms_and_downloads_cost_more(tmp_path):
    """Without a term cache every article is tokenised, and without known months every
    month's tables are made: those jobs are weighed as such, so that a first build does not
    give both to one worker."""
    job = _Job(Digest(articles=(), actors=(), themes=()), {}, "salt", {}, {}, tmp_path)
    cold = [cost for cost, _ in _whole_jobs(job, tmp_path, {})]
    (tmp_path / TERMS_FILE).write_text("{}", encoding="utf-8")
    warm_job = replace(job, known={"downloads/2024-01/": ["key", {}, []]})
    warm = [cost for cost, _ in _whole_jobs(warm_job, tmp_path, {})]
    assert len(cold) == len(warm)
    changed = [(c, w) for c, w in zip(cold, warm, strict=True) if c != w]
    assert len(changed) == 2 and all(c > 3 * w for c, w in changed)
    parts = [_share(list(zip(cold, range(len(cold)), strict=True)), k, 2) for k in range(2)]
    heavy = {i for i, (c, w) in enumerate(zip(cold, warm, strict=True)) if c != w}
    assert all(len(heavy & set(part)) == 1 for part in parts)  # one costly job each


def test_a_full_disk_in_a_worker_puts_every_page_back_and_names_the_file(tmp_path, monkeypatch):
    """Pages written by two forked workers when the disk fills (``faults`` makes the writes
    fail with ENOSPC): what either worker wrote is put back, and the error names the file."""
    import hashlib

    import pytest

    from generator.errors import BuildError
    from generator.faults import ENV
    from generator.render.pages import write_digest

    def tree() -> dict[str, str]:
        return {str(p.relative_to(tmp_path)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(tmp_path.rglob("*")) if p.is_file()}

    digest = Digest(articles=(), actors=(), themes=())
    old = {f"assets/digest/{n}.css": f"/* old {n} */" for n in range(6)}
    stats, _, _ = write_digest(digest, tmp_path / "docs", extra=old, processes=1)
    stats.commit()
    before = tree()
    new = {rel: text.replace("old", "new") for rel, text in old.items()} | {"assets/digest/added.css": "/* new */"}
    monkeypatch.setenv(ENV, "pages:tmp:3:enospc")  # each worker's third write
    with pytest.raises(BuildError, match=r"docs/.+: cannot write: No space left on device: the pages .* were put back"):
        write_digest(digest, tmp_path / "docs", extra=new, processes=2)
    assert tree() == before


def test_workers_take_the_whole_digest_jobs_from_one_counter_each_once(tmp_path):
    """Forked workers take the next job from a shared counter, costliest first: every job is
    made once, whichever worker is free first, and the pages are the same as one process's."""
    import hashlib
    import multiprocessing

    from generator.render.pages import _taken, _taker, write_digest

    shared = multiprocessing.get_context("fork").Value("q", 0)
    take = _taker(shared)
    order = ["a", "b", "c", "d", "e"]
    first, second = _taken(order, take), _taken(order, take)
    got = [next(first), next(second), next(second), *first, *second]
    assert sorted(got) == order and got[:3] == ["a", "b", "c"]

    def tree(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}

    digest = Digest(articles=(), actors=(), themes=())
    files = {f"assets/digest/{n}.css": f"/* {n} */" for n in range(6)}
    for processes in (1, 2):
        write_digest(digest, tmp_path / str(processes), extra=files, processes=processes)[0].commit()
    assert tree(tmp_path / "1") == tree(tmp_path / "2") and len(tree(tmp_path / "2")) > len(files)
