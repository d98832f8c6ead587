"""`make bench`: pytest-benchmark for the rules and the files, Locust for the load; see `python -m bench`."""
