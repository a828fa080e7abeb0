"""/metrics is for the scraper only, and counts every gunicorn worker (issue 23, item 14)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_a_stranger_gets_no_metrics(settings):
    settings.METRICS_TOKEN = "scrape-secret-0123456789"
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    assert stranger.get("/metrics").status_code == 404
    assert stranger.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    # Forwarded headers do not make a stranger local.
    assert stranger.get("/metrics", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 404


def test_the_scraper_with_the_token_or_an_allowed_address_reads_them(settings):
    settings.METRICS_TOKEN = "scrape-secret-0123456789"
    scraper = Client(REMOTE_ADDR="203.0.113.9")
    response = scraper.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-0123456789")
    assert response.status_code == 200 and b"needhelp_http_requests" in response.content
    settings.METRICS_ALLOWED_IPS = ["10.1.0.0/16"]
    assert Client(REMOTE_ADDR="10.1.4.2").get("/metrics").status_code == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_under_gunicorn_a_scrape_counts_the_requests_of_every_worker(tmp_path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="contact_portal.settings",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="1",
        GUNICORN_KEEPALIVE="0",
        GUNICORN_ACCESS_LOG="",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"),
    )
    (tmp_path / "prometheus").mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
        + ["contact_portal.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/metrics", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        before = _requests_counted(base)
        for _ in range(20):
            urllib.request.urlopen(base + "/metrics", timeout=10).read()  # noqa: S310
        # 20 requests spread by the kernel over two workers, plus the scrape before (and a
        # readiness probe that timed out may land late): one worker alone saw fewer.
        assert _requests_counted(base) - before >= 21
    finally:
        server.terminate()
        server.wait(timeout=20)


def _requests_counted(base: str) -> float:
    text = urllib.request.urlopen(base + "/metrics", timeout=5).read().decode()  # noqa: S310
    found = re.findall(
        r'^needhelp_http_requests_total\{[^}]*status="200"[^}]*\} (\S+)$', text, re.M
    )
    return sum(float(value) for value in found)
