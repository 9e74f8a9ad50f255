"""The one exception the project raises for bad input."""


class CompanionDataError(Exception):
    """Bad or missing input data.

    Raised for a missing file, a missing column, a duplicate id, a value that
    does not parse or a reference to an unknown id. The message always names
    the file (or table), and where it applies the row and the column, so that
    a reader can go straight to the faulty cell.
    """


class DerivationError(CompanionDataError):
    """A source workbook is missing, laid out unexpectedly, or fails a sanity check."""
