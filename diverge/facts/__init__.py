"""Typed facts extracted from sentences (dates, quantities, ...), shared by the drift checks."""
