"""Rendering the analytics: the rich tables for a terminal, the SVG figures (matplotlib) and the
self-contained HTML report. Reads an ``AnalysisResult``; computes nothing of its own."""
