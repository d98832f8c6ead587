"""Benchmarks of the app against a bare Streamlit page; see `bench/run.py` and `make bench`."""
