"""Serving the app: `streamlit run deploy/asgi.py`, its health check, and N replicas under supervisord."""
