"""`python -m diverge`, same as the `diverge` command."""

from diverge.cli import run

run()
