"""Sphinx extension: every chapter offers itself as a notebook to download and to launch.

For each page whose source is a MyST Markdown notebook, the build writes the same chapter as
``_notebooks/<path>.ipynb`` (converted with jupytext, without outputs: a student runs it) and
puts a small bar at the top of the page with a download link.

The bar also carries launch links when the book knows its public repository. They are
configured with Jupyter Book's own keys in ``_config.yml``::

    repository:
      url: https://github.com/<owner>/<name>   # empty: read from `git remote get-url origin`
      branch: main
    launch_buttons:
      binderhub_url: https://mybinder.org      # empty: no Binder link
      jupyterhub_url: ""                       # e.g. a university's hub with nbgitpuller

Binder builds its environment from ``binder/`` in the repository; a JupyterHub pulls the
repository with nbgitpuller. Both open the chapter's Markdown file, which jupytext shows as a
notebook. Every link is a plain link: the page itself needs none of them to be reachable.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

from sphinx.application import Sphinx

FOLDER = "_notebooks"


# -- Pure functions: where a chapter can be launched ------------------------------------------


def public_repository_url(remote: str) -> str | None:
    """The https address of a Git remote, or None when it is not a public web address.

    ``git@github.com:owner/name.git`` and ``https://user:token@github.com/owner/name.git`` both
    give ``https://github.com/owner/name``; a local path or a file:// URL gives None. Credentials
    are never kept.
    """
    remote = remote.strip()
    ssh = re.fullmatch(r"(?:ssh://)?git@([\w.-]+)[:/](.+?)(?:\.git)?/?", remote)
    if ssh:
        return f"https://{ssh.group(1)}/{ssh.group(2)}"
    parts = urlsplit(remote)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = parts.path.rstrip("/").removesuffix(".git")
    if not path.strip("/"):
        return None
    return f"https://{parts.hostname}{path}"


def binder_url(binderhub: str, repository: str, branch: str, path: str, interface: str = "lab") -> str:
    """The address that opens `path` (relative to the repository's root) on a BinderHub."""
    parts = urlsplit(repository)
    slug = parts.path.strip("/")
    if parts.hostname == "github.com":
        spec = f"gh/{slug}/{quote(branch, safe='')}"
    elif parts.hostname == "gitlab.com":
        spec = f"gl/{quote(slug, safe='')}/{quote(branch, safe='')}"
    else:
        spec = f"git/{quote(repository, safe='')}/{quote(branch, safe='')}"
    return f"{binderhub.rstrip('/')}/v2/{spec}?urlpath={quote(f'{interface}/tree/{path}', safe='')}"


def jupyterhub_url(hub: str, repository: str, branch: str, path: str, interface: str = "lab") -> str:
    """The nbgitpuller address that clones the repository into a JupyterHub and opens `path`."""
    folder = urlsplit(repository).path.rstrip("/").rsplit("/", 1)[-1]
    return (
        f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repository, safe='')}"
        f"&urlpath={quote(f'{interface}/tree/{folder}/{path}', safe='')}&branch={quote(branch, safe='')}"
    )


def launch_links(settings: dict, path: str) -> list[tuple[str, str]]:
    """(label, address) of each launch link for the file at `path`, from the book's settings."""
    repository = settings.get("repository_url")
    if not repository:
        return []
    branch = settings.get("branch") or "main"
    interface = "lab" if settings.get("interface", "jupyterlab") == "jupyterlab" else "tree"
    links = []
    if settings.get("binderhub_url"):
        links.append(("Launch on Binder", binder_url(settings["binderhub_url"], repository, branch, path, interface)))
    if settings.get("jupyterhub_url"):
        links.append(
            ("Launch on JupyterHub", jupyterhub_url(settings["jupyterhub_url"], repository, branch, path, interface))
        )
    return links


# -- Reading the settings ---------------------------------------------------------------------


def _git_origin(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def launch_settings(root: Path) -> dict:
    """The launch settings of the book at `root`: its _config.yml, then its git origin."""
    import yaml

    config_file = root / "_config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
    repository = (config or {}).get("repository") or {}
    buttons = (config or {}).get("launch_buttons") or {}
    configured = str(repository.get("url") or "").strip()
    return {
        "repository_url": public_repository_url(configured or _git_origin(root)),
        "branch": str(repository.get("branch") or "main"),
        "interface": str(buttons.get("notebook_interface") or "jupyterlab"),
        "binderhub_url": str(buttons.get("binderhub_url") or "").strip(),
        "jupyterhub_url": str(buttons.get("jupyterhub_url") or "").strip(),
    }


# -- Sphinx ------------------------------------------------------------------------------------


def _is_notebook(app: Sphinx, docname: str) -> bool:
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md" or not path.exists():
        return False
    head = path.read_text(encoding="utf-8")[:800]
    return head.startswith("---") and "kernelspec:" in head


def remember_settings(app: Sphinx, config) -> None:
    # Kept as a config value (rebuild "html"): a new repository address rewrites every page.
    config.book_launch_settings = launch_settings(Path(app.srcdir))


def add_notebook_bar(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not _is_notebook(app, pagename):
        return
    target = context["pathto"](f"{FOLDER}/{pagename}.ipynb", 1)
    links = [f'<a href="{html.escape(target)}" download>Download this chapter as a notebook (.ipynb)</a>']
    source = Path(app.env.doc2path(pagename, base=False)).as_posix()
    for label, address in launch_links(app.config.book_launch_settings, source):
        links.append(f'<a class="book-launch" href="{html.escape(address)}" rel="noopener">{label}</a>')
    bar = (
        '<nav class="book-notebook-bar" aria-label="Run this chapter">'
        + " · ".join(links)
        + ' <span class="book-notebook-hint">(or run it on your machine: <code>make lab</code>)</span></nav>'
    )
    context["body"] = bar + context.get("body", "")


def write_notebooks(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import jupytext

    for docname in sorted(app.env.found_docs):
        if not _is_notebook(app, docname):
            continue
        notebook = jupytext.read(app.env.doc2path(docname))
        notebook.metadata.pop("jupytext", None)
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{number:03d}"  # stable ids: the same chapter gives the same file
        out = Path(app.outdir) / FOLDER / f"{docname}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, out, fmt="ipynb")


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_launch_settings", {}, "html")
    app.connect("config-inited", remember_settings)
    app.connect("html-page-context", add_notebook_bar)
    app.connect("build-finished", write_notebooks)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
