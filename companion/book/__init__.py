"""What the book's pages share: glueing values and charts into the text
(``glue``), the house chart style and its checks (``style``), one function
per chart (``charts``), Markdown fragments for tables and reference pages
(``pages``, ``timelines``, ``meeting``), the hand-typed-number check for
prose (``prose``), the references page's author-year labels
(``references``), the ``{para}`` role (``paragraphs``) and executing the
notebooks (``notebooks``).

Modules here read data only through ``companion.data``; nothing in
``companion.data`` imports from here.
"""
