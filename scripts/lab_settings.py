"""Make JupyterLab open the chapters, which are MyST Markdown files, as notebooks, and keep it
off the network.

Writes JupyterLab's ``overrides.json`` inside the running Python environment (never the user's
home), so that a double click on ``chapters/context.md``, or a launch link to it, opens a
notebook through jupytext, and JupyterLab neither fetches news nor checks for updates (it works
offline, as the book does). Used by ``make lab`` and by Binder's ``binder/postBuild``.

    book-lab-settings            (or: python -m bookscripts.lab_settings)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PLUGIN = "@jupyterlab/docmanager-extension:plugin"
VIEWERS = {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
NOTIFICATIONS = "@jupyterlab/apputils-extension:notification"
QUIET = {"fetchNews": "false", "checkForUpdates": False}


def overrides_file(prefix: Path = Path(sys.prefix)) -> Path:
    """JupyterLab's application-wide settings overrides for the environment at `prefix`."""
    return prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def with_book_settings(settings: dict) -> dict:
    """`settings` with Markdown and MyST files opening as notebooks and no news or update
    checks; every other setting kept."""
    merged = json.loads(json.dumps(settings))
    plugin = merged.setdefault(PLUGIN, {})
    plugin["defaultViewers"] = {**plugin.get("defaultViewers", {}), **VIEWERS}
    merged[NOTIFICATIONS] = {**merged.get(NOTIFICATIONS, {}), **QUIET}
    return merged


def main() -> None:
    path = overrides_file()
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(with_book_settings(current), indent=2) + "\n", encoding="utf-8")
    print(
        f"JupyterLab opens Markdown chapters as notebooks and stays offline (settings in {path.name} of this environment)"
    )


if __name__ == "__main__":
    main()
