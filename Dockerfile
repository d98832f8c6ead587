# The questionnaire in one container, served with the production flags (deploy/production.py says why).
#   docker build -t questionnaire .
#   docker run --rm -p 8501:8501 questionnaire
# Several containers need sticky sessions and one shared secret: STREAMLIT_SERVER_COOKIE_SECRET (README).
# 0.0.0.0 so the port can be published (config.toml says 127.0.0.1); put the container behind a proxy like
# deploy/nginx.conf.template. The start-up banner is off: for a wildcard address it would look up the
# machine's external address at an outside host.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 app
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# Only what the app needs (.dockerignore lists it); owned by root, so the app cannot change its own code.
COPY . .

USER app
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]

CMD ["streamlit", "run", "deploy/asgi.py", \
     "--server.port=8501", \
     "--server.address=0.0.0.0", \
     "--logger.hideWelcomeMessage=true", \
     "--server.headless=true", \
     "--server.fileWatcherType=none", \
     "--server.runOnSave=false", \
     "--browser.gatherUsageStats=false", \
     "--runner.postScriptGC=false"]
