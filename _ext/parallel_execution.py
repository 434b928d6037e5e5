"""Sphinx extension: execute the chapters' notebooks side by side, one per core, into the cache.

With ``execute_notebooks: cache``, myst-nb executes a notebook when Sphinx reads it, and Sphinx
reads one page after another, so a cold build runs the chapters one at a time. Sphinx's own
parallel read (``-j``) is no way round it here: ``jupyter-book build`` 1.x has no ``-j``
option; Jupyter Book always loads ``sphinx_multitoc_numbering``, which does not declare itself
parallel-read safe, so Sphinx reads serially anyway and warns (an error under
``--warningiserror``); and processes that open jupyter-cache's SQLite database at once are
known to fail with "table settings already exists" or "database is locked".

So this extension executes the notebooks before Sphinx reads them. At ``env-before-read-docs``
(after ``book_inputs`` has emptied a stale cache) it reads every page about to be read the way
myst-nb reads it, and sends each notebook the cache does not hold to a pool of worker processes,
which execute it as myst-nb would (jupyter-cache's ``single_nb_execution``, in the notebook's
own folder, with the book's timeout and ``allow_errors``). Only this process writes to the
cache, one notebook at a time: when Sphinx comes to read a page, the handler of ``source-read``
waits for that page's notebook and caches it, and myst-nb then finds it there ("Using cached
notebook"). Pages are read while the workers run the later chapters.

Nothing else changes: the outputs are those of a fresh kernel per notebook, as before, so the
pages are the same. A notebook that fails in a worker is not cached: myst-nb executes it again
while reading and fails the build with its own message and traceback.

``parallel_execution_processes`` (in ``sphinx: config:``) sets the number of workers: 0, the
default, is one per core; 1 turns this off.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _execute(
    notebook: dict, cwd: str | None, timeout: int | None, allow_errors: bool
) -> tuple[dict, float, str | None]:
    """Run in a worker: execute `notebook` in `cwd` (None: a temporary folder, as myst-nb's
    ``execution_in_temp``); return it, the seconds taken and the traceback, if any."""
    import tempfile

    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    node = nbformat.from_dict(notebook)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        folder = os.path.abspath(cwd or temporary)
        result = single_nb_execution(node, cwd=folder, timeout=timeout, allow_errors=allow_errors, meta_override=True)
    seconds = time.perf_counter() - start
    return node, seconds, (result.exc_string or type(result.err).__name__) if result.err is not None else None


def _notebook_to_run(app: Sphinx, docname: str):
    """(notebook, read format, path, its myst-nb settings) of a page myst-nb would execute into
    the cache, else None."""
    from myst_nb.core.read import create_nb_reader

    env = app.env
    path = Path(env.doc2path(docname))
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    nb_config = env.mystnb_config
    reader = create_nb_reader(str(path), env.myst_config, nb_config, text)
    if reader is None:
        return None  # a page of plain Markdown
    notebook = reader.read(text)
    overrides = dict(notebook.metadata.get(nb_config.metadata_key, {}))
    overrides.pop("output_folder", None)
    try:
        nb_config = nb_config.copy(**overrides)
    except Exception:  # noqa: BLE001 - myst-nb warns about bad metadata when it reads the page
        return None
    if nb_config.execution_mode != "cache":
        return None
    if any(PurePosixPath(path.as_posix()).match(pattern) for pattern in nb_config.execution_excludepatterns):
        return None
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    for pattern, alias in (nb_config.kernel_rgx_aliases or {}).items():
        if kernel is not None and re.fullmatch(pattern, kernel):
            notebook.metadata["kernelspec"]["name"] = alias
            break
    return notebook, reader.read_fmt, path, nb_config


def start_executions(app: Sphinx, env, docnames: list[str]) -> None:
    """Send every notebook about to be read that the cache lacks to the pool of workers."""
    from jupyter_cache import get_cache

    app.parallel_executions = {}
    wanted = app.config.parallel_execution_processes or os.cpu_count() or 1
    if wanted <= 1 or env.mystnb_config.execution_mode != "cache":
        return
    cache = get_cache(env.mystnb_config.execution_cache_path)
    jobs = []
    for docname in sorted(docnames):  # the order Sphinx reads them in
        found = _notebook_to_run(app, docname)
        if found is None:
            continue
        notebook, read_fmt, path, nb_config = found
        try:
            cache.match_cache_notebook(notebook)
            continue  # already cached: myst-nb uses it
        except KeyError:
            pass
        jobs.append((docname, notebook, read_fmt, path, nb_config))
    if len(jobs) < 2:
        return  # nothing to do side by side: myst-nb executes a single notebook itself
    processes = min(wanted, len(jobs))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context(method))
    app.parallel_execution_pool = pool
    for docname, notebook, read_fmt, path, nb_config in jobs:
        logger.info(f"{path}: Executing notebook in a pool of {processes} processes [parallel_execution]")
        future = pool.submit(
            _execute,
            notebook,
            None if nb_config.execution_in_temp else str(path.parent),
            nb_config.execution_timeout,
            nb_config.execution_allow_errors,
        )
        app.parallel_executions[docname] = (future, read_fmt, path)


def cache_when_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before Sphinx reads a page, wait for its notebook and put it in the cache."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    job = getattr(app, "parallel_executions", {}).pop(docname, None)
    if job is None:
        return
    future, read_fmt, path = job
    notebook, seconds, error = _result(future)
    if error is not None:
        logger.info(f"{path}: failed in a worker; myst-nb executes it again and reports [parallel_execution]")
        return
    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    record = cache.add_nb_to_project(str(path), **({} if read_fmt is None else {"read_data": read_fmt}))
    cache.cache_notebook_bundle(
        CacheBundleIn(notebook, record.uri, data={"execution_seconds": seconds}), check_validity=False, overwrite=True
    )
    logger.info(f"{path}: Executed notebook in {seconds:.2f} seconds, in a worker [parallel_execution]")
    if not app.parallel_executions:
        stop_pool(app)


def _result(future: Future):
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a broken worker: myst-nb executes the notebook itself
        return None, 0.0, f"{type(error).__name__}: {error}"


def stop_pool(app: Sphinx, *_args) -> None:
    pool = getattr(app, "parallel_execution_pool", None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
        app.parallel_execution_pool = None


def setup(app: Sphinx) -> dict:
    app.add_config_value("parallel_execution_processes", 0, "", int)
    # After book_inputs (priority 500) has emptied a stale cache.
    app.connect("env-before-read-docs", start_executions, priority=900)
    app.connect("source-read", cache_when_read, priority=100)
    app.connect("build-finished", stop_pool)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
