"""Benchmarks for diverge (`make bench`): start-up, compare, audit and alignment timings."""
