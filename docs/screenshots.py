"""Regenerate the report screenshots in docs/ with headless Chromium (needs chromium and fonts-noto-cjk).

    python docs/screenshots.py

* report-kizilsu.png: the HTML report of one document (Kizilsu), from the top:
  navigation, findings by rule, the first findings.
* report-folder.png: the folder overview (file table, bars by rule family and
  by file) of the five examples plus, when ../shared/corpus/shanghai exists,
  the Shanghai PDFs. Only the overview is shown: file names and counts, no
  text from those PDFs goes into the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ROOT.parent / "shared" / "corpus" / "shanghai"
OVERVIEW_ONLY = "<style>nav, section.rules, section.document, body > pre { display: none; }</style></head>"


def audit_html(paths: list[Path], out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # From the top of the repository, so the report shows paths like examples/....
    done = subprocess.run([sys.executable, "-m", "auditor", "audit", *map(str, paths), "--format", "html",
                           "--output", str(out), "--fail-on", "never"], env=env, capture_output=True, text=True,
                          cwd=ROOT)
    if not out.exists():  # exit codes 1 and 2 still write the report (findings, unreadable files)
        sys.exit(f"auditor 退出码 {done.returncode}：{done.stderr}")


def screenshot(page: Path, png: Path, size: str, profile: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium 未安装")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={size}", page.as_uri()],
                   check=True, capture_output=True, timeout=300)


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        tmp = Path(work)
        one = tmp / "kizilsu.html"
        audit_html([Path("examples") / "kizilsu-prefecture-2026-dept-tabbed.txt"], one)
        screenshot(one, ROOT / "docs" / "report-kizilsu.png", "1200,1500", tmp / "p1")
        folder = tmp / "folder.html"
        audit_html([Path("examples"), *([SHANGHAI] if SHANGHAI.is_dir() else [])], folder)
        overview = tmp / "overview.html"
        overview.write_text(folder.read_text(encoding="utf-8").replace("</head>", OVERVIEW_ONLY, 1), encoding="utf-8")
        screenshot(overview, ROOT / "docs" / "report-folder.png", "1200,1100", tmp / "p2")


if __name__ == "__main__":
    main()
