"""Reusable code for the SCO course module. Notebooks narrate and call it.

Data
    :mod:`~sco_course.data` (``load(name)``, validated by
    :mod:`~sco_course.validation`), :mod:`~sco_course.membership` (who held
    which status when), :mod:`~sco_course.prepare` (derives tables from
    upstream files; run by ``make data``).
The source and its register
    :mod:`~sco_course.commentary`, :mod:`~sco_course.quotes`,
    :mod:`~sco_course.register`, :mod:`~sco_course.register_exports`.
The chapters' computations
    :mod:`~sco_course.security`, :mod:`~sco_course.economy`,
    :mod:`~sco_course.connectivity`.
What readers see
    :mod:`~sco_course.widgets` (interactive, no kernel needed),
    :mod:`~sco_course.maps` (offline Folium), :mod:`~sco_course.charts`
    (matplotlib), :mod:`~sco_course.views` (HTML tables and claim cards),
    :mod:`~sco_course.wording` (numbers in prose), :mod:`~sco_course.pages`,
    :mod:`~sco_course.catalogue`.
The book build
    :mod:`~sco_course.book` (the Sphinx extension and its front-end files).
"""
