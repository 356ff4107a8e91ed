"""What the book build adds to Sphinx: the offline front-end files, the icon
subset and the page repairs (scripts and stylesheet in ``web/``)."""
