"""diverge: show how news outlets change a story when they rewrite it."""

__version__ = "0.1.0"
