"""Sample the memory of a process tree until it ends and print its peaks.

Usage: python bench/memtree.py PID [--every SECONDS]

Forked workers share most of their pages with their parent (copy-on-write), so summing
their resident sizes counts the shared pages several times; the proportional set size
(Pss, /proc/PID/smaps_rollup) splits each shared page between its sharers, and its sum over
the tree is the memory the tree really holds. Prints the peak Pss sum, the peak Rss sum (an
upper bound) and the peak of the biggest single process."""

from __future__ import annotations

import argparse
import os
import time


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        tree.setdefault(ppid, []).append(int(name))
    return tree


def _tree(root: int) -> list[int]:
    tree, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _kb(pid: int) -> tuple[int, int]:
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pid", type=int)
    parser.add_argument("--every", type=float, default=0.5)
    args = parser.parse_args()
    peak_pss = peak_rss = peak_one = peak_procs = 0
    start = time.monotonic()
    peak_at = 0.0
    while os.path.exists(f"/proc/{args.pid}"):
        sizes = [_kb(pid) for pid in _tree(args.pid)]
        pss = sum(size[0] for size in sizes)
        if pss > peak_pss:
            peak_pss, peak_at = pss, time.monotonic() - start
        peak_rss = max(peak_rss, sum(size[1] for size in sizes))
        peak_one = max([peak_one] + [size[1] for size in sizes])
        peak_procs = max(peak_procs, len(sizes))
        time.sleep(args.every)
    print(
        f"peak Pss of the tree {peak_pss / 1024:,.0f} MB (at {peak_at:,.0f} s); peak Rss sum {peak_rss / 1024:,.0f} MB; "
        f"biggest process {peak_one / 1024:,.0f} MB; up to {peak_procs} processes; {time.monotonic() - start:,.0f} s sampled",
        flush=True,
    )


if __name__ == "__main__":
    main()
