"""Tools around the book that are not part of the course package.

Shared by ``make``, the tests and the benchmark:

* :mod:`booktools.book`: the project's paths, the table of contents, the
  strict ``jupyter-book build``;
* :mod:`booktools.execute`: runs the book's notebooks in parallel into the
  build's execution cache before the Sphinx build (``python -m booktools.execute``);
* :mod:`booktools.server`: a local static HTTP server for a built book
  (``python -m booktools.server``, which ``make serve`` runs);
* :mod:`booktools.chromium`: the Chromium the tests and the benchmark drive.
"""
