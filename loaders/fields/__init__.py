"""Readers of one field's value: dates, waiver marks, unit names, header words.

Pure functions on strings (and spreadsheet cell values), with no knowledge of any document
layout: a layout reader finds *where* a field is, these modules read *what* it says. Each
reading keeps the verbatim text it came from and, when it cannot read the value, says why
(a wrong value is worse than a missing one). The vocabularies are data files beside the
modules (``waiver_words.toml``, ``unit_endings.toml``, ``header_words.toml``,
``statement_words.toml``), each entry
with a note on where the form is attested or why it is there.
"""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["date_cells", "dates", "headers", "statements", "units", "waiver"]
