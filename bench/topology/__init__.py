"""The production-topology run: `python -m bench.topology` (see __main__.py)."""
