"""Where one page's time goes: run it N times in-process against the load test's data set.

    .venv/bin/python bench/profile_page.py my-stuff            # ms per request + queries
    .venv/bin/python bench/profile_page.py case --profile 30   # + the top 30 of cProfile
    .venv/bin/python bench/profile_page.py ceiling

Pages: ceiling, my-stuff, item, case, channel, help, suggested (an item's help page with a
reason chosen). Uses the database and Redis the load test built (``bench/load_test.py``
first), through the real WSGI handler and the bench settings, so middleware, session,
templates and queries all count; wrk, gunicorn and the network do not.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.load_test import env_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--db", default="nh_load")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--cold", action="store_true", help="every request misses the page cache")
    args = parser.parse_args()
    os.environ.update(env_for(f"postgres://postgres@127.0.0.1:5432/{args.db}", args.redis))

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case
    from core import pagecache

    user = User.objects.get(username="bench-user-0@example.org")
    customer = user.customer
    item = customer.items.order_by("-occurred_at").first()
    case = Case.objects.filter(customer=customer).first()
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    # A CSRF cookie too, as the load test's users (a browser that has seen one of our pages) send.
    cookie = f"sessionid={session.session_key}; csrftoken={_get_new_csrf_string()}"
    paths = {
        "ceiling": (f"/bench/one-query/?id={customer.pk}", ""),
        "bare": ("/bench/bare/", ""),
        "my-stuff": ("/my-stuff/", cookie),
        "item": (f"/my-stuff/item/{item.pk}/", cookie),
        "case": (f"/cases/{case.pk}/", cookie),
        "channel": (f"/contact/choose/?item={item.pk}&reason=something-else", cookie),
        "help": ("/help/", cookie),
        "suggested": (f"/help/item/{item.pk}/?reason=something-else", cookie),
    }
    path, cookie = paths[args.page]
    app = get_wsgi_application()

    def request() -> tuple[str, bytes]:
        if args.cold:
            pagecache.bump_all()
        url, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": url,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": cookie,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status = []
        body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
        return status[0], body

    status, body = request()
    with CaptureQueriesContext(connection) as queries:
        request()
    print(f"{path}: {status}, {len(body)} bytes, {len(queries)} queries")
    for q in queries.captured_queries:
        print("   ", q["sql"][:160])
    profiler = cProfile.Profile() if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(args.n):
        request()
    if profiler:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{elapsed / args.n * 1000:.2f} ms per request over {args.n} "
        f"({cpu / args.n * 1000:.2f} ms of it Python CPU)"
    )
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(args.profile)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
