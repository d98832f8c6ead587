# The questionnaire in one container: `streamlit run deploy/asgi.py` with .streamlit/config.toml's settings.
#   docker build -t questionnaire .
#   docker run --rm -p 8501:8501 questionnaire
# Several containers need sticky sessions and one shared secret (STREAMLIT_SERVER_COOKIE_SECRET): compose.yaml
# and deploy/kubernetes/ run this image so (docs/deploying.md).
FROM python:3.11-slim

# The one setting a container changes: it listens on every address so its port can be published (config.toml
# says 127.0.0.1). The start-up banner is off, since for a wildcard address it would look up the machine's
# external address at an outside host.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE=true

RUN useradd --create-home --uid 10001 app
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# Only what the app needs (.dockerignore lists it); owned by root, so the app cannot change its own code.
COPY . .

USER 10001

# The port and the health path are config.toml's and Streamlit's, read by deploy/health.py.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "-m", "deploy.health"]

CMD ["streamlit", "run", "deploy/asgi.py"]
