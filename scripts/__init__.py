"""The book's build scripts, installed with the helpers as the package ``bookscripts``
(``pyproject.toml`` maps it to this folder).

* ``slides`` (``book-slides``, ``make slides``): the chapter decks, and with ``session`` the session deck
  in the order of ``teaching/plan.yml``;
* ``pdf`` (``book-pdf``, ``make pdf``): the printable PDFs (handout, lecturer's guide, whole book, student
  edition), with ``print_svg`` and ``print.css``;
* ``lab_settings`` (``book-lab-settings``, ``make lab`` and Binder): JupyterLab's settings;
* ``bookcopy``: a copy of the book, its strict build, its table of contents, and Chromium;
* ``local_server``: a built book served on 127.0.0.1, and Chromium launched over it.

``bookcopy`` and ``local_server`` are shared by these scripts, the tests and the benchmark.
"""
