"""The data package in ``data/``: loading its tables by their schema
(``tables``), the report's parts and the meeting's sessions
(``sessions``), reading and wording numbers (``numbers``), the report's text
split into sections and paragraphs (``report``), the checks
of every quoted field against that text (``provenance``), the report's
quoted figures (``figures``) and the official series and sourced facts that
give them context (``context``).

Nothing here draws or formats a page (that is ``companion.book``) or reads
the workbooks (``companion.derive``); tests/test_package.py checks that
nothing here imports either.
"""
