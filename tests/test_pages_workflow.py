""".github/workflows/pages.yml and scripts/build-site.sh: GitHub Pages builds the digest with the
engine digest.yml names, installing the zensical extra when that is Zensical (no network here:
the script runs against a stand-in .venv that records what it was asked to install)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.config import load_config
from tests.conftest import make_project

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_the_pages_workflow_builds_with_the_script_and_deploys_the_site():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as True
    build, deploy = flow["jobs"]["build"]["steps"], flow["jobs"]["deploy"]["steps"]
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python@"))
    assert tuple(map(int, python["with"]["python-version"].split("."))) >= (3, 11)
    runs = [s for s in build if "run" in s]
    assert len(runs) == 1, runs
    # the README's command, with nothing that would override digest.yml's engine
    assert runs[0]["run"].startswith('SITE_URL="${BASE_URL%/}/" bash scripts/build-site.sh')
    assert "--engine" not in runs[0]["run"] and "pip" not in runs[0]["run"]
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy)


def _installed_extra(tmp_path: Path, settings: str, args: list[str]) -> str:
    """What scripts/build-site.sh asks pip to install in a project with this digest.yml."""
    project = make_project(tmp_path, [], settings=settings)
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "build-site.sh", project / "scripts" / "build-site.sh")
    log = project / "calls.log"
    (project / ".venv" / "bin").mkdir(parents=True)
    for tool in ("python", "digest"):  # stand-ins: record the call, install and build nothing
        stub = project / ".venv" / "bin" / tool
        stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n')
        stub.chmod(0o755)
    subprocess.run(["bash", "scripts/build-site.sh", *args], cwd=project, check=True, capture_output=True, timeout=30)
    calls = log.read_text().splitlines()
    install = next(c for c in calls if c.startswith("python -m pip install"))
    assert calls[-1] == " ".join(["digest build", *args]).strip()  # then builds, with the same options
    return install.rsplit(" -e ", 1)[1]


@pytest.mark.parametrize(
    ("settings", "args", "engine"),
    [
        ("articles: [articles]\n", [], "mkdocs"),
        ("engine: mkdocs\n", [], "mkdocs"),
        ("engine: zensical\n", [], "zensical"),
        ("articles: [articles]\nengine: \"zensical\"   # Material's successor\n", [], "zensical"),
        ("# engine: zensical\n", [], "mkdocs"),
        ("engine: zensical\n", ["--engine", "mkdocs"], "mkdocs"),
        ("articles: [articles]\n", ["--engine", "zensical"], "zensical"),
        ("articles: [articles]\n", ["--engine=zensical", "--no-strict"], "zensical"),
    ],
)
def test_build_site_installs_zensical_when_the_build_uses_it(tmp_path, settings, args, engine):
    extra = _installed_extra(tmp_path, settings, args)
    assert extra == (".[zensical]" if engine == "zensical" else "."), extra
    # the engine the build will then use, as `digest build` reads it
    cli = next((a.split("=", 1)[1] for a in args if a.startswith("--engine=")), None)
    cli = cli or (args[args.index("--engine") + 1] if "--engine" in args else None)
    assert load_config(tmp_path / "digest", engine=cli).engine == engine
