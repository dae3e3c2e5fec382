"""Layouts: how a list is laid out on the page (a bilingual list, a university list by
country, a department table). Each reads lines of a section and yields plain records."""
