"""Benchmarks (not tests): each module measures one thing against a baseline of the same run.

`python -m bench` runs them all; `python -m bench NAME [ARGS…]` runs one. See README.md.
"""
