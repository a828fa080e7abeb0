"""gunicorn settings for production, read by the Dockerfile, docker-compose.yml and the load test
(bench/load_test.py), so the load test measures the server as it is deployed.

Threads, not only processes: a signed-in page spends much of its time waiting on PostgreSQL
and Redis, and a thread that waits lets another one run. Keep-alive: browsers (and the load
test) reuse connections, which saves a TCP handshake per request.
"""

import os
import shutil
import tempfile

# A web request's statement that waits on PostgreSQL longer than this is cancelled (503), so
# a locked table or a slow query cannot hold every thread. The settings give every process
# this default (contact_portal/settings.py); it is repeated here so gunicorn keeps it even
# where the environment turns it off for other processes.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "10s")

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

# Prometheus: every worker writes its metrics to files in one directory and /metrics sums
# them (prometheus-client's multiprocess mode), so a scrape sees all workers, not the one it
# reached. Emptied when the server starts; a worker's gauges go when it exits.
multiproc_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", os.path.join(tempfile.gettempdir(), "needhelp-prometheus")
)


def on_starting(server) -> None:
    shutil.rmtree(multiproc_dir, ignore_errors=True)
    os.makedirs(multiproc_dir, exist_ok=True)


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
