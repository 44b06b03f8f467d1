"""Where a build's memory peaks: resident memory stage by stage, this process and its children.

    python bench/memory.py PROJECT [--clean] [--full]

Runs ``digest build`` on PROJECT in this process while a thread samples, every 20 ms, the
resident memory (RSS) of this process and the sum over its child processes (the forked
analysis and rendering workers). The stages are those of ``build.run``, marked by its fault
points (read, analyse, digest, pages, MkDocs, finish). ``--clean`` first removes the generated
folders of ``docs/`` and ``site/`` (keeping the analysis cache: the pages and the site are made
from scratch without analysing again, the part of a cold build after the analysis); ``--full``
builds the whole site. Prints one row a stage: its seconds and the peak of this process, of
the children together, and of both at once (MB = 2^20 bytes); and ``ru_maxrss`` of the process
and of its largest child, which is what ``bench/run.py`` reports as peak memory.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.table import text_table

MB = 1 << 20


class Sampler(threading.Thread):
    """Peak RSS of this process, of its children together and of both, for each stage."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.stage = "start"
        self.started = time.perf_counter()
        self.stages: list[list] = []  # [name, seconds, self peak, children peak, total peak]
        self._open("start")
        self.stop = threading.Event()

    def _open(self, name: str) -> None:
        now = time.perf_counter()
        if self.stages:
            self.stages[-1][1] = now - self.started
        self.started = now
        self.stages.append([name, 0.0, 0, 0, 0])

    def mark(self, name: str) -> None:
        self.sample()
        self._open(name)

    def sample(self) -> None:
        try:
            own = self.me.memory_info().rss
        except psutil.Error:
            return
        kids = 0
        for child in self.me.children(recursive=True):
            try:
                kids += child.memory_info().rss
            except psutil.Error:
                pass
        row = self.stages[-1]
        row[2], row[3], row[4] = max(row[2], own), max(row[3], kids), max(row[4], own + kids)

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.sample()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--clean", action="store_true", help="remove docs/'s generated folders and site/ first")
    parser.add_argument("--full", action="store_true", help="build the whole site (digest build --full)")
    args = parser.parse_args(argv)

    from generator import build
    from generator.config import load_config
    from generator.render.pages import OWNED

    project = args.project.resolve()
    if args.clean:
        for d in OWNED:
            shutil.rmtree(project / "docs" / d, ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    sampler = Sampler()
    names = {"read:done": "analyse (cache)", "analyse:done": "digest", "digest:done": "pages",
             "pages:done": "release, site prep", "mkdocs:start": "mkdocs", "mkdocs:done": "finish"}
    real_point = build.point

    def point(name: str) -> None:
        if name in names:
            sampler.mark(names[name])
        real_point(name)

    build.point = point
    sampler.stages[0][0] = "read"
    sampler.start()
    t = time.perf_counter()
    result = build.run(load_config(project), incremental=not args.full)
    sampler.mark("end")
    sampler.stop.set()
    total = time.perf_counter() - t
    rows = [[name, f"{sec:.1f}s", f"{own / MB:,.0f}", f"{kids / MB:,.0f}", f"{both / MB:,.0f}"]
            for name, sec, own, kids, both in sampler.stages[:-1]]
    print(f"{result.built:,} articles, {result.analysed} analysed, {total:.1f}s")
    print("\n".join(text_table(["stage", "seconds", "this process MB", "children MB", "both MB"], rows)))
    own_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kid_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\nru_maxrss: this process {own_max:,.0f} MB, largest child {kid_max:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
