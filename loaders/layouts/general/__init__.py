"""The general layout: any university's list or table, in any format, found not written.

For a document the manifest gives no sections: the reader walks the neutral document model
(:mod:`kyotei.loaders.document`) and finds levels, headings, legends, totals, header rows and
partner rows itself (:func:`read_general`); :func:`detect_sections` says what it found, as
manifest sections a user can check and paste.
"""

from kyotei.loaders.layouts.general.reader import read_general

__all__ = ["read_general"]
