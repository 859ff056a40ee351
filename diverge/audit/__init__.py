"""`diverge audit`: many stories, many outlets, a baseline and one exit code, for CI.

`layout` finds the stories, `run` audits them one at a time, `consensus` says which outlet is
the outlier on each fact, `baseline` keeps known drift from failing the build.
"""
