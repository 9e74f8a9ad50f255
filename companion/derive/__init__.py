"""Deriving the context tables in ``data/`` from UN DESA's published workbooks.

Run as ``python -m companion.derive`` (see ``__main__``). The modules, in
the order the data flows through them:

* ``workbooks``: which workbooks, and reading their sheets;
* ``tables``: the derived tables and the table of their sources;
* ``countries``: the country profiles (emigrants, population, income group,
  type of data) that the session lessons use;
* ``facts``: curating the shared context facts;
* ``checks``: the report's figures against those tables and facts;
* ``csvfile``: the deterministic CSV writer every output goes through.

Nothing here is imported by the book's notebooks at build time; the
notebooks read the CSV files this package writes.
"""
