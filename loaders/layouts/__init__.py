"""Layouts: how a list is laid out on the page (a bilingual list, a university list by
country, a department table). Each reads lines of a section and yields plain records."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["bilingual", "department", "general", "university_list"]
