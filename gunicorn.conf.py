"""gunicorn settings for production, read by the Dockerfile, docker-compose.yml and the load test
(bench/load_test.py), so the load test measures the server as it is deployed.

Threads, not only processes: a signed-in page spends much of its time waiting on PostgreSQL
and Redis, and a thread that waits lets another one run. Keep-alive: browsers (and the load
test) reuse connections, which saves a TCP handshake per request.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
backlog = 2048
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Access log lines with the CTI webhook's key in the path write it as [key].
logger_class = "contact_portal.accesslog.RedactingLogger"
