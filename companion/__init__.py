"""Shared code for the companion book to UN DESA's Fifteenth Coordination
Meeting on International Migration (ESA/P/WP/249): finding and loading the
data, checking it against the report, formatting, charts and citations.
"""

__version__ = "0.1.0"
