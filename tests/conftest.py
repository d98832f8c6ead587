import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100)
# `make mutation` runs the suite hundreds of times on a busy machine: no per-example time limit there.
settings.register_profile("mutation", parent=settings.get_profile("ci"), deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
