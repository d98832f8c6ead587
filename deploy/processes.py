"""Stopping a child process politely, then firmly: shared by the replicas, the benchmark and the tests."""

import subprocess


def stop(process: subprocess.Popen | None, seconds: float = 10) -> None:
    """Terminate `process` if it still runs; kill it if it has not ended after `seconds`."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=seconds)
