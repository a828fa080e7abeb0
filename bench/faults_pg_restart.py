"""PostgreSQL restarted under load: requests fail cleanly (503) and the same web processes
recover by themselves once the database is back.

    .venv/bin/python bench/faults_pg_restart.py

Uses a private PostgreSQL cluster (`pg_createcluster 15 nhfaults`, port 5439) so restarting it
disturbs nothing else, gunicorn on 127.0.0.1, and 20 client threads hitting a database page for
the whole run. Prints the status codes seen before, during and after the restart, the longest
request, and whether every request after recovery succeeded. Exits 1 on a hang, a 500, or no
recovery.
"""

import collections
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
CLUSTER, PGPORT, PORT = "nhfaults", 5439, 8198
VERSION = sorted(os.listdir("/usr/lib/postgresql"))[-1]


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=check)


def ensure_cluster() -> None:
    listed = sh("pg_lsclusters", "-h").stdout
    if not any(line.split()[1] == CLUSTER for line in listed.splitlines() if line.strip()):
        sh("pg_createcluster", VERSION, CLUSTER, "-p", str(PGPORT), "--", "--auth=trust")
    sh("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "start", check=False)
    for _ in range(50):
        if sh("pg_isready", "-h", "127.0.0.1", "-p", str(PGPORT), check=False).returncode == 0:
            break
        time.sleep(0.2)
    sh("createdb", "-h", "127.0.0.1", "-p", str(PGPORT), "-U", "postgres", "nh_faults", check=False)


def main() -> int:
    ensure_cluster()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "contact_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "faults-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PGPORT}/nh_faults",
        "SECURE_SSL_REDIRECT": "0",
        "BENCH_VIEWS": "1",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    for cmd in (
        ["migrate", "--noinput", "-v0"],
        ["seed_demo", "--force"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([PY, "manage.py", *cmd], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "contact_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{PORT}/bench/one-query/?id=1"
    phase = ["before"]
    seen: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    slowest = [0.0]
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                code = urllib.request.urlopen(url, timeout=30).status
            except urllib.error.HTTPError as exc:
                code = exc.code
            except OSError as exc:
                code = f"error:{type(exc).__name__}"
            slowest[0] = max(slowest[0], time.monotonic() - started)
            seen[phase[0]][code] += 1

    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=10)
                break
            except OSError:
                time.sleep(0.2)
        threads = [threading.Thread(target=hammer, daemon=True) for _ in range(20)]
        for t in threads:
            t.start()
        time.sleep(3)
        phase[0] = "during"
        pid_before = server.pid
        sh("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "stop", "-m", "fast")
        time.sleep(3)
        sh("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "start")
        time.sleep(2)
        phase[0] = "after"
        time.sleep(5)
        stop.set()
        for t in threads:
            t.join(timeout=35)
    finally:
        alive = server.poll() is None
        server.terminate()
        server.wait(timeout=20)
    for name in ("before", "during", "after"):
        print(
            f"{name:>7}: " + ", ".join(f"{k}: {v}" for k, v in sorted(seen[name].items(), key=str))
        )
    print(
        f"slowest request: {slowest[0]:.2f} s; web process restarted: "
        f"{'no' if alive and server.pid == pid_before else 'yes'}"
    )
    after = seen["after"]
    ok = alive and set(after) == {200} and 500 not in seen["during"] and slowest[0] < 30
    print("PASS: failed cleanly with 503 and recovered on its own" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
