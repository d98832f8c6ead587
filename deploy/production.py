"""The flags of a production `streamlit run`, defined once for `make serve`, the replicas and the benchmark.

`.streamlit/config.toml` already holds the privacy settings (usage statistics off, XSRF protection on,
error details hidden); these flags add what only matters when serving people rather than developing:

- `server.headless=true`: never try to open a browser, no email prompt.
- `server.fileWatcherType=none`: no thread watching the source files for changes.
- `server.runOnSave=false`: never rerun sessions because a file changed.
- `browser.gatherUsageStats=false`: no usage statistics, even if config.toml is missing.
- `runner.postScriptGC=false`: Streamlit otherwise runs a full `gc.collect(2)` after every script run.
  That collection walks every live object of every session, so it cost more than the whole rest of a
  rerun here and grew with the number of people connected (bench/run.py measures both settings).
  Python's own generational collector still runs; only the forced full pass per rerun goes.

The Makefile's `serve` target, the Dockerfile and deploy/replicas.py pass exactly these (a test checks), to
`SCRIPT`: deploy/asgi.py serves app.py with deploy/hardening.py's protections (`make run` uses it too).
"""

SCRIPT = "deploy/asgi.py"

FLAGS: tuple[str, ...] = (
    "--server.headless=true",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
    "--browser.gatherUsageStats=false",
    "--runner.postScriptGC=false",
)

# The same but with Streamlit's default forced collection after every run, for the benchmark's comparison.
STREAMLIT_DEFAULT_GC: tuple[str, ...] = (
    *(f for f in FLAGS if not f.startswith("--runner.postScriptGC")),
    "--runner.postScriptGC=true",
)
