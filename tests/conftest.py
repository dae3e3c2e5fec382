"""Suite-wide settings.

Hypothesis's per-example deadline is a timed assertion: on a shared, loaded machine it fails
tests for being slow, not wrong. Speed is measured by the benchmarks, so the deadline is off.
"""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("kyotei", deadline=None)
settings.load_profile("kyotei")
