"""Performance benchmark of the course book: build times, page weight, time to interactive.

This is a benchmark, not a test: it measures this machine and writes a report;
it fails only if a build fails or the browser cannot open a page.

Run it with ``make bench`` (sets up the environment first), or directly from
the project root::

    .venv/bin/python -m benchmarks [--runs 3] [--keep] [--html DIR]

It writes ``_build/bench/report.md`` and ``_build/bench/report.json`` (and the
build logs beside them). It never writes to ``_build/html``: every build runs in
a fresh copy of the book's sources in a temporary folder, whose
``node_modules`` is a link to the project's. ``--html DIR`` skips the builds and
measures an already built site; ``--keep`` keeps the temporary copy.

What it measures:

1. Builds, as ``make book`` runs them (``python -m booktools.execute .``, which
   runs the notebooks the execution cache lacks in parallel into that cache,
   then ``jupyter-book build . -n -W --keep-going``, which reads them from it):
   a clean build; a no-change rebuild; a rebuild after appending a space to a
   markdown cell of one chapter notebook; a rebuild after appending a comment
   to a code cell of the same notebook (one notebook is executed again); with
   both edits reverted, a build with a warm execution cache but no doctrees
   and no HTML, which costs everything a clean build does except running
   notebooks; and the clean build again the old way, without the
   pre-execution, so that the Sphinx build runs every notebook itself, one
   after another. The report gives the ratio of the two clean builds, and how
   many notebooks the Sphinx build still executed after the pre-execution
   (none, unless the cache keys stopped matching). The execution share of the
   clean build is given two ways: the per-notebook execution times that
   jupyter-cache records, and the clean build's time minus the warm-cache
   build's time. Peak memory comes from ``os.wait4`` (``ru_maxrss``: the
   largest single process, a build step or one of its kernels) and from
   sampling the resident memory of the whole process tree every 0.1 s (build
   plus kernels at the same moment). Last, nbclient runs a notebook holding
   only ``pass`` and one holding only the imports the chapters share: the
   fixed cost each executed notebook pays.
2. Pages, in headless Chromium (``/usr/bin/chromium`` through Python
   playwright), the built site served on 127.0.0.1 by a threaded
   ``http.server`` (``booktools.server``), every request not to 127.0.0.1
   aborted and counted:

   * first visit: a new browser context per page of ``_toc.yml``; every
     response body is recorded once per URL, its gzip size computed with
     Python's ``gzip`` (level 6; a file that gzip would not make smaller, such
     as a woff2 font or a PNG, counts at its raw size, as servers send those
     uncompressed); the JavaScript share counts script responses;
   * later pages: one browser context visits the landing page, then every
     other page in table-of-contents order; a page's cost is what it fetches
     whose URL the context has not fetched before. Playwright turns Chromium's
     HTTP cache off while requests are routed (which is how off-machine
     requests are aborted), so the cache is modelled by URL: a file fetched
     once is free afterwards, as with the ``Cache-Control: max-age`` headers of
     common static hosts (a host that only allows revalidation adds one 304
     round trip per file, without a body);
   * time to interactive: a script added to every frame before the page's own
     scripts records, for each widget view (the ``.widget-subarea`` that the
     ipywidgets embed manager inserts before each view's script tag) and each
     Folium map (the ``<iframe srcdoc>``), when its control first has a size
     on screen (``.sco-tl-mark`` for a timeline, the first input of an
     explorer, the ``select`` of a dropdown, ``path.leaflet-interactive`` in a
     map), checked on every animation frame and every 50 ms ("drawn"), and
     when the next task after that runs ("interactive": the main thread is
     free to handle a click). Times are from navigation start
     (``performance.timeOrigin``); the median of ``--runs`` cold visits.
3. A baseline with the libraries' default CDN wiring, computed from npm
   packages installed by ``npm ci`` (see the report for how and its limits).

The modules: ``builds`` (one build, timed and sampled), ``scenarios`` (the
builds in order, the fixed cost of a notebook), ``pages`` (Chromium;
``probe.js`` is the script it injects), ``baseline``, ``assess`` (the targets),
``report`` (``report.md.j2``), ``common`` (constants and helpers).
"""
