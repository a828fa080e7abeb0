"""Load test: the main journeys with 200 concurrent users on gunicorn + PostgreSQL + Redis + a
Celery worker, on a large data set, against two ceilings measured in the same run.

    .venv/bin/python bench/load_test.py                 # build (once) and measure
    .venv/bin/python bench/load_test.py --duration 5 --rounds 1   # shorter
    .venv/bin/python bench/load_test.py --items 100000  # smaller data set

    .venv/bin/python bench/load_test.py --pages "My Stuff,channel page"  # some pages only
    BENCH_PORT=8299 .venv/bin/python bench/load_test.py                 # another port

    .venv/bin/python bench/load_test.py --mix --duration 10 --rounds 3  # 10,000 customers

Needs PostgreSQL and Redis on 127.0.0.1 and Debian's `wrk`. Everything binds to 127.0.0.1; each
timed run lasts --duration seconds, so a run is bounded (about 2 x rounds x duration per page,
plus the build once: 6 minutes by default). gunicorn runs with the production settings
(gunicorn.conf.py, as the Dockerfile and compose file do). Prints requests/s, p50/p95/p99 and
errors per page, and each page as a share of the "one indexed query + small template" ceiling.
Target: zero errors, My Stuff, a case page and the channel page each at least 60% of that
ceiling. Exits 1 if any request failed.

How the share is measured: the machine's speed drifts over minutes (autovacuum, other work on
the same cores), by as much as 25% within one run, so a page is never compared with a ceiling
measured minutes earlier. Each page runs --rounds times, each time right after a run of the
1-query ceiling; the share is the median of the rounds' ratios, and every round's ratio is
printed so the spread shows. The data set is vacuumed and analysed after it is built, so
autovacuum does not start on a million new rows in the middle of the timed runs.

Then the journey (bench/journeys.py): every user, on their own connection, sends messages for
--journey-seconds: My Stuff, an item, the channel page, Send a message (posted twice with the
same key, as a double click does), the message (posted twice), Message sent, the case page.
It prints each step's rate and latency and checks what was left behind once the worker has
caught up: one contact per journey, each sent and on a case, one confirmation email each, sent
by the Celery worker, none waiting in the outbox. Pages here are rendered afresh (each message
changes what the customer sees), so this is the write path, not the page cache.
`--journey-users 4` shows each step's own cost, without 200 users queueing.

Before a page's rounds every user visits it once (steady state, as on a site that has been up
a while); `--cold` skips that, so each user's first, fully rendered visit (the page cache
starts empty: seeding bumps it) falls inside the first timed run. Users send a session cookie
and a CSRF cookie, as a browser that has seen one of our pages does. The Suggested help step
is visited twice: a customer's first visit with a reason records it on their journey (a
write, which the page cache never keeps), and the second is the first one it keeps (see
`RECORDING_PAGES`).
`bench/profile_page.py` shows where one page's time goes, in-process, with cProfile.

The pages above are the same 200 customers' pages again and again, so nearly every request
comes from the page cache. `--mix` measures what a site with many customers serves instead:
10,000 more signed-in customers (`--mix-customers`; made once, with 100 items and a case each,
none of them the 200; their sessions are made each run in the database and the cache, as
signing in leaves them). After the ceilings (and the pages named with --pages; no journey
unless --journey-seconds) it measures, each round right after a run of the 1-query ceiling and
each on customers no earlier run in it used:

* the mix: customers arrive one after another; each opens My Stuff, their newest item, their
  case and the channel page, all four in a random order, then twice more (`--mix-visits 3`),
  their visits spread while the next 400 customers arrive (`--mix-window`), about 400 on the
  site at once. A page's later visits come at least 1,200 requests after its first, seconds
  later, so they may come from the page cache. Each run starts 400 customers into that
  stream, as on a site that has been up a while: the pages those customers opened before it
  are rendered first, untimed (about 1,100 per run). So a third of the requests are first
  visits, which render, and the rest are a customer opening a page again;
* rendered: every request a customer's first visit to one of their four pages (no page is
  requested twice in a run, and seed_demo --force at the start of each run empties the page
  cache by replacing its global token), so every request renders, with the session, the
  user, the cache round trips and the channel page's routing inputs as on any visit;
* rendered My Stuff, item, case, channel: the same, one page at a time.

Before each timed run the server is let drain (until the bare page answers quickly again):
200 renders still queued when wrk stops take seconds, which would otherwise fall into the next
run. Requests are read by wrk's Lua from a file before the run, so a request costs one table
index. A customer counts as used once one of their pages was requested in a run (wrk's Lua
reports exactly how many requests each thread sent). Each run is offered at most 3,000
customers (`--mix-batch`); one page's rounds use about rounds x (duration x req/s + 400) of
the customers the mix and rendered rounds left (about 7,500), so past about 180 req/s a
rendered page needs `--mix-customers 20000` (built once) or a shorter --duration; the run says
so and exits 1. With --duration 10 --rounds 3 the whole run takes about 13 minutes.

Measured on main d649245 (before issue 21) with `BENCH_PORT=8377 .venv/bin/python
bench/load_test.py --db nh_bench --redis redis://127.0.0.1:6379/6 --mix --duration 10
--rounds 3`: 1,000,000 items, 200 connections, 3 rounds of 10 s, zero errors. Other helpers'
tests shared the 2 cores: the 1-minute load average was 6-16 during both runs, and the
1-query ceiling itself ran at 1,066 req/s in the first run and 426 in the second, so only
the shares (each against the ceiling measured next to it) compare. Two runs, minutes apart:

    page               req/s   p50 ms   p99 ms   share: each round     other run: each round
    ceiling: 1 query    1066      178      882   100%                  100%
    mix (3 visits)       165      902     3177    24%: 24% 21% 29%      32%: 32% 41% 31%
    rendered              97     1211     8910    13%: 14% 13% 10%      12%:  9% 12% 13%
    rendered My Stuff     71     2208     8546    11%: 11% 10% 11%      12%: 10% 13% 12%
    rendered item         96     1610     5231    12%: 12% 11% 16%      16%: 16% 12% 17%
    rendered case         85     1967     5523    12%: 14% 12% 12%      15%: 15% 15% 14%
    rendered channel      70     2307     6560    14%: 16% 14% 12%      11%: 12% 11% 10%

A third run, with this file as committed (the same measurement; the runs above picked the
customers for the next run less sparingly), load average 5-16: mix 22% (33% 22% 20%),
rendered 12% (12% 9% 14%), My Stuff 12% (7% 12% 15%), item 19% (26% 10% 19%), case 12% (16%
12% 12%), channel 11% (17% 11% 8%). Rounds differ by up to a factor of two on this VM: compare
medians, and rerun when a figure moves by less than the spread.

After issue 21 (apps in layers, the page cache registered per app, main 8e2ced7), the same
command, load average 3-13 (one other session's browser tests):

    page               req/s   p50 ms   p99 ms   share: each round
    ceiling: 1 query     964      189      900   100%
    mix (3 visits)       145      943     2988    30%: 30% 29% 33%
    rendered              77     1051     5586    13%: 14% 13% 13%
    rendered My Stuff    128     1278     4893    16%: 17% 16% 15%
    rendered item        112     1630     5553    18%: 18% 22% 10%
    rendered case         76     2377     5220    15%: 11% 16% 15%
    rendered channel      94     1656     4402    16%: 20% 12% 16%

Rendered pages are not slower (each within or above the before runs' range), and the mix is
at the top of its before range.

A third of the mix's requests are first visits (33% in every round), and a rendered page runs
at 11-16% of the ceiling against 68-80% from the cache (the 200 customers' pages above), so
first visits take most of the mix's time: 1 / (0.33 / 0.13 + 0.67 / 0.75) = 29%, as measured
(22-32%), not the 68-80% the cached pages alone show. The rendered pages' latency is
mostly queueing: 200 connections / 70-105 req/s is 2-3 s per request.

Measured on the 2-core VM shared by wrk, gunicorn (4 workers x 4 threads), PostgreSQL, Redis
and the worker: 1,000,000 items, 200 connections, 3 rounds of 10 s, zero errors. Two runs of
the same code, minutes apart, to show the spread:

    page               req/s   p50 ms   p99 ms   share (median: each round)   other run
    ceiling: bare       2942       62      424   422%                         364%
    ceiling: 1 query     697      277      822   100%                         100%
    My Stuff             433      463     1047    68%: 102% 64% 68%            80%
    item page            552      320     1272    75%: 75% 69% 77%             71%
    case page            566      354      978    79%: 76% 79% 100%            85%
    channel page         524      341     1132    80%: 69% 80% 80%             78%
    Need Help            277      734     2337    44%: 51% 44% 37%             42%

    journey step       req/s   p50 ms   p95 ms   p99 ms   (200 users, 30 s, zero errors)
    My Stuff             8.9     1494     5889     6439
    item                 8.9     1181     4896     6011
    channel page         8.9     1765     4135     4491
    choose               8.9     2706     5504     5886
    choose again         8.9     1880     4824     5602
    message              8.9     1860     5097     6121
    message again        8.9     1674     5295     5904
    sent                 8.9     1114     3421     4881
    case page            8.9     1675     4613     5135
    456 journeys (8.9/s): 456 contacts, 456 sent, 456 on a case, 456 confirmation emails
    sent by the worker, 0 waiting in the outbox

The journey is the write path: every message changes what its customer sees, so each page
after it is rendered afresh (15-40 ms in-process) and the two posts write a contact, a case
event, the outbox row and the page-cache tokens. About 180 ms of the VM's two cores per
journey (`--journey-users 4`: every step 30-70 ms), so 200 users queue, as Little's law
says: 200 / (9 journeys/s x 9 steps) = 2.5 s per step.

Before the page cache (one run, 10 s per page, cold, one ceiling at the start) the shares were
My Stuff 15%, case page 24%, channel page 14%, item page 26%, Need Help 16%. The channel page
at the code before its offers were kept per language and set of offers measured 54% in the
same way as above, back to back with 83% after. The channel page decides its offers on every
visit, even from the cache (they depend on the moment and on the contact centre), from routing
inputs kept in this process while their shared token is unchanged. The rest of a cached page's
time is the session read from Redis, the user query (needed to check the session), the Redis
round trips for the page and its tokens, the CSRF token and middleware.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import journeys  # noqa: E402

PY = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8199"))
USERS = 200
WRK_THREADS = 2

LUA = """
local reqs = %(reqs)s
local counter = 0
request = function()
  counter = counter + 1
  local r = reqs[(counter %% #reqs) + 1]
  return wrk.format("GET", r[1], {["Cookie"] = r[2], ["Host"] = "127.0.0.1"})
end
done = function(summary, latency, requests)
  io.write(string.format('JSON {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,' ..
    '"write":%%d,"status":%%d,"timeout":%%d,"p50":%%d,"p95":%%d,"p99":%%d}\\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


# --mix: the requests are read from a file once per wrk thread and formatted before the timed
# run, so a request costs one table index. Thread t sends entries t, t + T, t + 2T … of the
# schedule (T threads), so together they send it in order from the start; done reports how
# many each thread sent, so the bench knows exactly which customers the run used.
MIX_LUA = """
local threads = {}
setup = function(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
init = function(args)
  reqs = {}
  for line in io.lines("%(file)s") do
    local tab = line:find("\\t", 1, true)
    reqs[#reqs + 1] = wrk.format("GET", line:sub(1, tab - 1),
      {["Cookie"] = line:sub(tab + 1), ["Host"] = "127.0.0.1"})
  end
  sent = 0
end
request = function()
  local i = sent * %(threads)d + tid
  sent = sent + 1
  return reqs[(i %% #reqs) + 1]
end
done = function(summary, latency, requests)
  local sent = {}
  for _, t in ipairs(threads) do sent[t:get("tid") + 1] = t:get("sent") end
  io.write(string.format('JSON {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,' ..
    '"write":%%d,"status":%%d,"timeout":%%d,"p50":%%d,"p95":%%d,"p99":%%d,"sent":[%%s]}\\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    table.concat(sent, ",")))
end
"""


def env_for(db_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "contact_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "BENCH_VIEWS": "1",
        "DB_POOL_MAX": "8",
        "LOG_LEVEL": "WARNING",
        # Each user sends more than a customer's 20 contacts an hour (`--journey-users 4` for
        # 30 s: about 70 each); the limiter still counts every one, so its cost is measured.
        "TRAFFIC_LIMIT_CONTACT": "1000000/3600",
        "TRAFFIC_LIMIT_MESSAGE": "1000000/3600",
    }


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


BUILD = r"""
import django, json, sys
django.setup()
from datetime import timedelta
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from cases.models import Case
from mystuff.models import Customer, Item

target_items, users_wanted = int(sys.argv[1]), int(sys.argv[2])
bench_users = list(User.objects.filter(username__startswith="bench-user-").order_by("id"))
if len(bench_users) < users_wanted:
    User.objects.bulk_create(
        [User(username=f"bench-user-{i}@example.org", email=f"bench-user-{i}@example.org")
         for i in range(len(bench_users), users_wanted)])
    bench_users = list(User.objects.filter(username__startswith="bench-user-").order_by("id"))
have = set(Customer.objects.filter(user__in=bench_users).values_list("user_id", flat=True))
Customer.objects.bulk_create([Customer(user=u, name=f"Bench {u.pk}", email=u.email)
                              for u in bench_users if u.pk not in have])
with connection.cursor() as cur:
    cur.execute("SELECT count(*) FROM mystuff_customer")
    customers = cur.fetchone()[0]
    if customers < 10000:
        cur.execute(
            "INSERT INTO mystuff_customer (source, external_id, name, email, phone, "
            "preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at) "
            "SELECT 'bench', 'BC-' || g, 'Bench customer ' || g, 'bc' || g || '@example.org', '', "
            "'en', 'standard', 'active', 0, now(), now() FROM generate_series(%s, 10000) g",
            [customers + 1])
    cur.execute("SELECT count(*) FROM mystuff_item")
    items = cur.fetchone()[0]
    if items < target_items:
        # Spread items over all customers, newest first in time; 100 per customer on average.
        cur.execute(
            "INSERT INTO mystuff_item (customer_id, kind, source, external_id, reference, title, "
            "status, value, currency, occurred_at, details, created_at, updated_at) "
            "SELECT c.id, (ARRAY['order','quote','appointment','marketing','subscription'])"
            "[1 + g %% 5], 'bench', 'BI-' || g, 'BI-' || g, 'Bench item ' || g, 'processing', "
            "(g %% 900) + 10, 'EUR', now() - (g || ' minutes')::interval, '{}', now(), now() "
            "FROM generate_series(%s, %s) g "
            "JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM mystuff_customer) c "
            "ON c.n = g %% (SELECT count(*) FROM mystuff_customer)",
            [items + 1, target_items])
cases = {}
sessions = []
for u in bench_users:
    customer = u.customer
    item = customer.items.order_by("-occurred_at").first()
    case = Case.objects.filter(customer=customer).first() or Case.objects.create(
        customer=customer, item=item, subject="Where is my order?", channel="message")
    s = SessionStore()
    s["_auth_user_id"] = str(u.pk)
    s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    s["_auth_user_hash"] = u.get_session_auth_hash()
    s.create()
    # A browser that has seen one of our pages holds the CSRF cookie; sending it, as a real
    # signed-in customer does, spares each response a fresh secret and a Set-Cookie.
    cookie = f"sessionid={s.session_key}; csrftoken={_get_new_csrf_string()}"
    sessions.append({"cookie": cookie, "case": case.pk,
                     "item": item.pk if item else None, "customer": customer.pk})
print(json.dumps(sessions))
"""

# --mix: this many more signed-in customers, none of them the 200 above, each with items, a
# case and a session of their own. Idempotent: the data is made once, the sessions each run.
BUILD_MIX = r"""
import django, json, sys
django.setup()
from datetime import timedelta
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from django.utils.crypto import get_random_string
from cases.models import Case
from mystuff.models import Customer

wanted = int(sys.argv[1])
with connection.cursor() as cur:
    # The main build makes customers up to 10,000 with source 'bench' (no user): top them up.
    cur.execute("SELECT count(*) FROM mystuff_customer WHERE source = 'bench'")
    have = cur.fetchone()[0]
    if have < wanted:
        cur.execute(
            "INSERT INTO mystuff_customer (source, external_id, name, email, phone, "
            "preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at) "
            "SELECT 'bench', 'BM-' || g, 'Bench mix customer ' || g, 'bm' || g || '@example.org', "
            "'', 'en', 'standard', 'active', 0, now(), now() FROM generate_series(%s, %s) g",
            [have + 1, wanted])
    ids = [row[0] for row in Customer.objects.filter(source="bench").order_by("id")
           .values_list("id")[:wanted]]
    # 100 items each for those the main build gave none (it spreads items over the customers
    # that existed then: about 100 each with 1,000,000 items).
    cur.execute(
        "INSERT INTO mystuff_item (customer_id, kind, source, external_id, reference, title, "
        "status, value, currency, occurred_at, details, created_at, updated_at) "
        "SELECT c.id, (ARRAY['order','quote','appointment','marketing','subscription'])"
        "[1 + g %% 5], 'bench', 'BMI-' || c.id || '-' || g, 'BMI-' || c.id || '-' || g, "
        "'Bench item ' || g, 'processing', (g %% 900) + 10, 'EUR', "
        "now() - (g * 97 || ' minutes')::interval, '{}', now(), now() "
        "FROM mystuff_customer c CROSS JOIN generate_series(1, 100) g "
        "WHERE c.id = ANY(%s) AND NOT EXISTS "
        "(SELECT 1 FROM mystuff_item i WHERE i.customer_id = c.id)", [ids])
    User.objects.bulk_create(
        [User(username=f"bench-mix-{pk}@example.org", email=f"bench-mix-{pk}@example.org")
         for pk in ids], ignore_conflicts=True)
    cur.execute(
        "UPDATE mystuff_customer c SET user_id = u.id FROM auth_user u "
        "WHERE c.id = ANY(%s) AND c.user_id IS NULL "
        "AND u.username = 'bench-mix-' || c.id || '@example.org'", [ids])
    # Each customer's newest item, as the main build picks.
    cur.execute(
        "SELECT DISTINCT ON (customer_id) customer_id, id FROM mystuff_item "
        "WHERE customer_id = ANY(%s) ORDER BY customer_id, occurred_at DESC, id DESC", [ids])
    items = dict(cur.fetchall())
with_case = set(Case.objects.filter(customer_id__in=ids).values_list("customer_id", flat=True))
Case.objects.bulk_create(
    [Case(customer_id=pk, item_id=items.get(pk), subject="Where is my order?", channel="message")
     for pk in ids if pk not in with_case])
cases = dict(Case.objects.filter(customer_id__in=ids).order_by("customer_id", "-id")
             .distinct("customer_id").values_list("customer_id", "id"))
users = dict(Customer.objects.filter(id__in=ids).values_list("id", "user_id"))
by_id = User.objects.in_bulk(users.values())
# Sessions as signing in leaves them: in the database and in the cache (cached_db), made in
# bulk; the same contents SessionStore.create() writes.
store = SessionStore()
expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
rows, cached, out = [], {}, []
for pk in ids:
    user = by_id[users[pk]]
    data = {"_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash()}
    key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
    rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
    cached[store.cache_key_prefix + key] = data
    out.append({"cookie": f"sessionid={key}; csrftoken={_get_new_csrf_string()}",
                "case": cases[pk], "item": items[pk], "customer": pk})
Session.objects.bulk_create(rows, batch_size=2000)
caches[settings.SESSION_CACHE_ALIAS].set_many(cached, timeout=settings.SESSION_COOKIE_AGE)
print(json.dumps(out))
"""


VACUUM = r"""
import django
django.setup()
from django.db import connection
with connection.cursor() as cur:
    cur.execute("VACUUM (ANALYZE)")
"""


def build(env: dict[str, str], items: int, mix: int = 0) -> tuple[list[dict], list[dict]]:
    """The 200 users' sessions (and with --mix the mix's customers' sessions), data made once."""
    print("migrating and seeding …", flush=True)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    # seed_demo --force also empties the page cache (it replaces the global token), so no
    # page rendered by an earlier run is served in this one.
    run([PY, "manage.py", "seed_demo", "--force"], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    print(f"building the data set ({items:,} items) …", flush=True)
    started = time.monotonic()
    out = run([PY, "-c", BUILD, str(items), str(USERS)], env)
    mixed: list[dict] = []
    if mix:
        mix_out = run([PY, "-c", BUILD_MIX, str(mix)], env)
        mixed = json.loads(mix_out.strip().splitlines()[-1])
    # Vacuumed and analysed now, so autovacuum does not start on the new rows in the middle of
    # the timed runs and slow whichever page is measured then.
    run([PY, "-c", VACUUM], env)
    print(f"  built and vacuumed in {time.monotonic() - started:.0f} s", flush=True)
    return json.loads(out.strip().splitlines()[-1]), mixed


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (urllib.error.URLError, OSError):
            # Refused while gunicorn binds, or timed out while its workers import Django.
            time.sleep(0.2)
    sys.exit(f"server did not come up at {url}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def smoke(path: str, cookie: str) -> int:
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie})
    try:
        return opener.open(req, timeout=10).status
    except urllib.error.HTTPError as exc:
        return exc.code


def warm(reqs: list[tuple[str, str]]) -> None:
    """Steady state: every user has been here once, as on a site that has been up a while.
    Without it (--cold) each user's first, fully rendered visit falls inside the timed run."""
    for path, cookie in dict.fromkeys(reqs):
        smoke(path, cookie)


def measure(reqs: list[tuple[str, str]], duration: int, connections: int) -> dict:
    """One timed wrk run over these requests: req/s, latency percentiles (ms) and errors."""
    lua_reqs = "{" + ",".join(f'{{"{p}", "{c}"}}' for p, c in reqs) + "}"
    return run_wrk(LUA % {"reqs": lua_reqs}, duration, connections)


def run_wrk(lua: str, duration: int, connections: int) -> dict:
    """One timed wrk run with this script (which prints the JSON line ``LUA``'s done does)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    out = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            f"http://127.0.0.1:{PORT}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    data = json.loads(next(line[5:] for line in out.splitlines() if line.startswith("JSON ")))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "errors": sum(data[k] for k in ("connect", "read", "write", "status", "timeout")),
        "sent": data.get("sent"),
    }


# Pages whose first visit records something (a journey, a reason chosen) and so is not kept by
# the page cache: the warm-up visits them this many times, until the page is kept, as it does
# every other page once. --cold shows the first visits.
RECORDING_PAGES = {"Suggested help": 2}


def measure_page(
    name: str,
    reqs: list[tuple[str, str]],
    ceiling: list[tuple[str, str]] | None,
    args: argparse.Namespace,
) -> dict:
    """The page in --rounds timed runs, each right after a run of the 1-query ceiling (unless
    this is a ceiling): the machine's speed drifts over minutes (other load, PostgreSQL's
    background work), so each run is compared with the ceiling measured next to it, and the
    page's share is the median of those ratios. Latencies are the worst round's, errors all."""
    status = smoke(*reqs[0])
    if status != 200:
        print(f"  {name}: {reqs[0][0]} answered {status}, not 200: skipped", flush=True)
        return {"page": name, "skipped": status}
    if not args.cold:
        for _ in range(RECORDING_PAGES.get(name, 1)):
            warm(reqs)
    runs, ratios, ceilings = [], [], []
    for _ in range(args.rounds):
        if ceiling is not None:
            ceilings.append(measure(ceiling, args.duration, args.connections)["rps"])
        run_ = measure(reqs, args.duration, args.connections)
        runs.append(run_)
        if ceiling is not None:
            ratios.append(run_["rps"] / ceilings[-1] if ceilings[-1] else 0.0)
    row = {
        "page": name,
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p95": max(r["p95"] for r in runs),
        "p99": max(r["p99"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "share": statistics.median(ratios) if ratios else None,
        "shares": ratios,
    }
    share = ""
    if ratios:
        each = " ".join(f"{r:.0%}" for r in ratios)
        share = f"  {row['share']:4.0%} of the ceiling next to it (rounds {each})"
    print(
        f"  {name:<16} {row['rps']:7.0f} req/s  p50 {row['p50']:7.1f} ms  p95 "
        f"{row['p95']:7.1f} ms  p99 {row['p99']:7.1f} ms  errors {row['errors']}{share}",
        flush=True,
    )
    return row


def settle(most: float = 15.0) -> None:
    """Wait until the server has worked off what the last run left queued: when wrk stops,
    up to one request per connection is still waiting, and 200 renders take seconds, which
    would fall into the next run (the ceiling's, or the next round's)."""
    deadline = time.monotonic() + most
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        smoke("/bench/bare/", "")
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.1)


def customer_paths(s: dict) -> list[str]:
    """What a customer of the mix visits: My Stuff, their item, their case, the channel page."""
    return [
        "/my-stuff/",
        f"/my-stuff/item/{s['item']}/",
        f"/cases/{s['case']}/",
        f"/contact/choose/?item={s['item']}&reason=something-else",
    ]


class Customers:
    """The mix's signed-in customers, each used in one timed run only, so a run's first visits
    are first visits: none of its pages was rendered before in this run, and seed_demo emptied
    the page cache before it (see build). A customer counts as used once any of their pages
    was requested (or rendered before a run); those a run did not reach are used later."""

    def __init__(self, sessions: list[dict], seed: int, page: int | None = None) -> None:
        self.sessions = list(sessions)
        self.rng = random.Random(seed)
        self.rng.shuffle(self.sessions)
        self.taken: set[int] = set()  # indexes into self.sessions
        self.page = page  # one of customer_paths' pages only, or all four

    def rest(self, page: int) -> "Customers":
        """The customers no run has used yet, for runs of one page each."""
        unused = [s for i, s in enumerate(self.sessions) if i not in self.taken]
        return Customers(unused, self.rng.randrange(1 << 30), page)

    def left(self) -> int:
        return len(self.sessions) - len(self.taken)

    def take(self, places: set[int]) -> None:
        self.taken |= places

    def schedule(
        self, visits: int, window: int, most: int
    ) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int, bool]]]:
        """The pages to render before the timed run (path, cookie, customer), and its requests
        in the order they are sent (path, cookie, customer, first visit?).

        The customers not used yet arrive one after another (a customer's place in that
        order is the time they arrive, in customers); each opens each of their four pages
        ``visits`` times: first all four in a random order, then again, every pass
        ``window / visits`` customers later (jittered by a quarter of that), so a customer's
        visits are spread while ``window`` more customers arrive and about ``window`` customers
        are on the site at once. A page's visits are at least 3 x window requests apart
        (1,200 by default: several seconds, longer than the slowest render in flight), so a
        later visit comes after the first has been rendered and stored.
        The timed run starts ``window`` customers into the stream, as on a site that has been
        up a while: the pages its customers opened before that are rendered first, untimed.
        So from its first request about 1 / visits of the requests are first visits. With
        visits=1 every request is a first visit and nothing is rendered before."""
        chosen = [i for i in range(len(self.sessions)) if i not in self.taken][:most]
        spacing = window / visits
        keyed = []
        for place, index in enumerate(chosen):
            paths = customer_paths(self.sessions[index])
            if self.page is not None:
                paths = [paths[self.page]]
            for visit in range(visits):
                self.rng.shuffle(paths)
                for path in paths:
                    at = place + visit * spacing + self.rng.random() * spacing / 4
                    keyed.append((at, path, self.sessions[index]["cookie"], index))
        keyed.sort()
        start = window if visits > 1 else 0
        past = {(cookie, path): index for at, path, cookie, index in keyed if at < start}
        seen: set[tuple[str, str]] = set()
        entries = []
        for at, path, cookie, index in keyed:
            if at >= start:
                first = (cookie, path) not in past and (cookie, path) not in seen
                entries.append((path, cookie, index, first))
                seen.add((cookie, path))
        before = [
            (path, cookie, index)
            for (cookie, path), index in past.items()
            if (cookie, path) in seen
        ]
        return before, entries


def measure_fresh(
    name: str,
    visits: int,
    customers: Customers,
    ceiling: list[tuple[str, str]],
    args: argparse.Namespace,
) -> dict:
    """Like measure_page, for the mix: each round right after a run of the 1-query ceiling,
    each on customers no earlier run used. Reports which share of the requests sent were
    first visits (rendered; later visits may come from the page cache)."""
    runs, ratios, firsts, warmed = [], [], [], []
    for _ in range(args.rounds):
        if customers.left() < args.mix_window * 2:
            sys.exit(
                f"{name}: only {customers.left()} unused customers left: "
                "use a shorter --duration or more --mix-customers"
            )
        # As many requests offered for one page as for four.
        batch = args.mix_batch * (1 if customers.page is None else 4)
        before, entries = customers.schedule(visits, args.mix_window, batch)
        with ThreadPoolExecutor(8) as pool:  # untimed, before the ceiling next to the run
            statuses = list(pool.map(lambda req: smoke(req[0], req[1]), before))
        customers.take({index for *_, index in before})
        warm_errors = sum(status != 200 for status in statuses)
        warmed.append(len(before))
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
            listing.writelines(f"{path}\t{cookie}\n" for path, cookie, _, _ in entries)
        lua = MIX_LUA % {"file": listing.name, "threads": WRK_THREADS}
        settle()
        ceiling_rps = measure(ceiling, args.duration, args.connections)["rps"]
        settle()
        run_ = run_wrk(lua, args.duration, args.connections)
        os.unlink(listing.name)
        # Thread t sent entries t, t + T, t + 2T …: exactly these customers were used.
        indexes = [t + WRK_THREADS * i for t, n in enumerate(run_["sent"]) for i in range(n)]
        if max(indexes, default=0) >= len(entries):  # wrapped: later requests repeat earlier
            print(f"  {name}: the run sent more than its {len(entries)} requests", flush=True)
            run_["errors"] += 1
        sent = [entries[i] for i in sorted(set(indexes)) if i < len(entries)]
        customers.take({index for _, _, index, _ in sent})
        run_["errors"] += warm_errors
        firsts.append(sum(first for *_, first in sent) / len(sent))
        runs.append(run_)
        ratios.append(run_["rps"] / ceiling_rps if ceiling_rps else 0.0)
    row = {
        "page": name,
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p95": max(r["p95"] for r in runs),
        "p99": max(r["p99"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "share": statistics.median(ratios),
        "shares": ratios,
        "first": statistics.mean(firsts),
    }
    print(
        f"  {name:<16} {row['rps']:7.0f} req/s  p50 {row['p50']:7.1f} ms  p95 "
        f"{row['p95']:7.1f} ms  p99 {row['p99']:7.1f} ms  errors {row['errors']}  "
        f"{row['share']:4.0%} of the ceiling next to it ("
        + " ".join(f"{r:.0%}" for r in ratios)
        + f"), first visits {row['first']:.0%}, {customers.left()} customers left"
        + (
            f", {statistics.mean(warmed):.0f} pages rendered before each run" if any(warmed) else ""
        ),
        flush=True,
    )
    return row


def measure_mix(
    mixed: list[dict], ceiling: list[tuple[str, str]], args: argparse.Namespace
) -> list[dict]:
    """--mix: the mix, then rendered pages alone, each on customers no other run used."""
    customers = Customers(mixed[:-1], args.seed)
    # One customer, used by no run, shows the pages answer 200 (a redirect to sign in would
    # look fast and count as no error).
    for path in customer_paths(mixed[-1]):
        status = smoke(path, mixed[-1]["cookie"])
        if status != 200:
            sys.exit(f"mix: {path} answered {status}, not 200")
    print(
        f"  mix: {len(mixed):,} signed-in customers; each opens My Stuff, an item, a case and "
        f"the channel page {args.mix_visits} times each in a random order, about "
        f"{args.mix_window} customers at once",
        flush=True,
    )
    mix = measure_fresh(
        f"mix ({args.mix_visits} visits)", args.mix_visits, customers, ceiling, args
    )
    rendered = measure_fresh("rendered", 1, customers, ceiling, args)
    # Each page alone, rendered: every request a customer's first visit to that page. The
    # customers the runs above used are left out; each page uses the rest on its own.
    names = ["My Stuff", "item", "case", "channel"]
    by_page = [
        measure_fresh(f"rendered {name}", 1, customers.rest(page), ceiling, args)
        for page, name in enumerate(names)
    ]
    return [mix, rendered, *by_page]


def play_journeys(sessions: list[dict], seconds: int, env: dict[str, str]) -> dict:
    """The send-a-message journey by every user at once, then what it left in the database
    once the worker has caught up (bench/journeys.py)."""
    since = datetime.now(UTC) - timedelta(seconds=1)
    print(f"\njourney: {len(sessions)} customers sending messages for {seconds} s …", flush=True)
    tally = journeys.play(PORT, sessions, seconds)
    customers = json.dumps([s["customer"] for s in sessions])
    deadline = time.monotonic() + 120
    while True:  # the worker sends the confirmations after the run; wait for it, bounded
        out = run([PY, "-c", journeys.CHECK, since.isoformat(), customers], env)
        check = json.loads(out.strip().splitlines()[-1])
        if check["emailed"] >= check["contacts"] or time.monotonic() > deadline:
            break
        time.sleep(2)
    return {"tally": tally, "check": check}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="nh_load")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per timed run")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument(
        "--cold", action="store_true", help="no warm-up visit per user before each page's run"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="timed runs per page, each after a run of the 1-query ceiling (default 3)",
    )
    parser.add_argument(
        "--journey-seconds",
        type=int,
        default=None,
        help="how long every user plays the send-a-message journey (0: not at all; "
        "default 30, with --mix 0)",
    )
    parser.add_argument(
        "--journey-users",
        type=int,
        default=0,
        help="how many users play it (default: all 200); few show each step's own cost",
    )
    parser.add_argument("--workers", type=int, default=None, help="default: gunicorn.conf.py's")
    parser.add_argument("--threads", type=int, default=None, help="default: gunicorn.conf.py's")
    parser.add_argument(
        "--pages", default="", help="comma-separated names to measure (the ceilings always are)"
    )
    parser.add_argument(
        "--mix",
        action="store_true",
        help="instead of the 200 users' pages: many customers' first and later visits "
        "(the mix), then first visits alone (rendered); --pages adds pages",
    )
    parser.add_argument(
        "--mix-customers", type=int, default=10_000, help="signed-in customers for --mix"
    )
    parser.add_argument(
        "--mix-visits", type=int, default=3, help="visits to each of a customer's 4 pages"
    )
    parser.add_argument(
        "--mix-window",
        type=int,
        default=400,
        help="a customer's visits are spread while this many more customers arrive",
    )
    parser.add_argument(
        "--mix-batch",
        type=int,
        default=3000,
        help="customers offered to one timed run (it uses those it reaches)",
    )
    parser.add_argument("--seed", type=int, default=21, help="the mix's order")
    args = parser.parse_args()
    if args.journey_seconds is None:
        args.journey_seconds = 0 if args.mix else 30
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db], capture_output=True)
    env = env_for(f"postgres://postgres@127.0.0.1:5432/{args.db}", args.redis)
    # Building a million rows runs statements far longer than the served pages' 10 s limit.
    build_env = {**env, "DB_STATEMENT_TIMEOUT": "0"}
    sessions, mixed = build(build_env, args.items, args.mix_customers if args.mix else 0)

    # The server settings are the production ones (gunicorn.conf.py, as in the Dockerfile and
    # docker-compose.yml), so the ceiling and the pages are measured as they would be served;
    # only the bind address differs, and the access log, which would flood this output.
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    if args.workers:
        server_env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads:
        server_env["GUNICORN_THREADS"] = str(args.threads)
    gunicorn = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py", "contact_portal.wsgi"],
        cwd=ROOT,
        env=server_env,
    )
    worker_log = open(Path(tempfile.gettempdir()) / f"load_test_worker_{PORT}.log", "w")  # noqa: SIM115
    print(f"worker log: {worker_log.name}", flush=True)
    worker = subprocess.Popen(
        [
            PY,
            "-m",
            "celery",
            "-A",
            "contact_portal",
            "worker",
            "--concurrency=1",
            "--loglevel=warning",
        ],
        cwd=ROOT,
        env=env,
        # The console mailer prints every email the worker sends: kept out of the figures.
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/bench/bare/")
        first = sessions[0]
        pages = {
            "ceiling: bare": [("/bench/bare/", "")],
            "ceiling: 1 query": [(f"/bench/one-query/?id={s['customer']}", "") for s in sessions],
            "My Stuff": [("/my-stuff/", s["cookie"]) for s in sessions],
            "item page": [(f"/my-stuff/item/{s['item']}/", s["cookie"]) for s in sessions],
            "case page": [(f"/cases/{s['case']}/", s["cookie"]) for s in sessions],
            "channel page": [
                (f"/contact/choose/?item={s['item']}&reason=something-else", s["cookie"])
                for s in sessions
            ],
            "Need Help": [("/help/", s["cookie"]) for s in sessions],
            # An item's help with a reason chosen: linked articles, then search by meaning.
            "Suggested help": [
                (f"/help/item/{s['item']}/?reason=something-else", s["cookie"]) for s in sessions
            ],
            # "These may answer it" while typing a message: the model on every request.
            "These may answer it": [
                ("/help/suggest/?body=my+parcel+never+came+what+now", s["cookie"]) for s in sessions
            ],
        }
        wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
        if args.mix and not wanted:
            wanted = {"none"}
        if wanted:
            pages = {k: v for k, v in pages.items() if k.startswith("ceiling") or k in wanted}
        shape = subprocess.run(
            [
                PY,
                "-c",
                "import runpy; c = runpy.run_path('gunicorn.conf.py'); "
                "print(c['workers'], c['threads'], c['worker_class'])",
            ],
            cwd=ROOT,
            env=server_env,
            capture_output=True,
            text=True,
        ).stdout.split()
        print(
            f"\n{args.connections} connections, {args.rounds} x {args.duration} s per page, "
            f"gunicorn {shape[0]} workers x {shape[1]} threads ({shape[2]}), "
            f"first user {first['cookie'][:18]}…"
        )
        one_query = pages["ceiling: 1 query"]
        rows = [
            measure_page(name, reqs, None if name.startswith("ceiling") else one_query, args)
            for name, reqs in pages.items()
        ]
        if args.mix:
            rows += measure_mix(mixed, one_query, args)
        journey = None
        if args.journey_seconds:
            players = sessions[: args.journey_users] if args.journey_users else sessions
            journey = play_journeys(players, args.journey_seconds, env)
    finally:
        gunicorn.terminate()
        worker.terminate()
        for process in (gunicorn, worker):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:  # requests still queued after the last run
                process.kill()
                process.wait()
        worker_log.close()
    base = next((r["rps"] for r in rows if r["page"] == "ceiling: 1 query" and "rps" in r), 0)
    print(
        f"\n{'page':<17} {'req/s':>7}  {'p50 ms':>7} {'p99 ms':>7}  {'errors':>6}  "
        f"share of the 1-query ceiling (median of {args.rounds} rounds: each round)"
    )
    for row in rows:
        if "rps" not in row:
            print(f"{row['page']:<17} skipped (HTTP {row['skipped']})")
            continue
        if row["share"] is None:  # a ceiling: against the 1-query ceiling's own runs
            share = f"{row['rps'] / base:5.0%}" if base else ""
        else:
            each = " ".join(f"{r:.0%}" for r in row["shares"])
            share = f"{row['share']:5.0%}: {each}"
            if "first" in row:
                share += f"  (first visits {row['first']:.0%})"
        print(
            f"{row['page']:<17} {row['rps']:7.0f}  {row['p50']:7.1f} {row['p99']:7.1f}  "
            f"{row['errors']:6}  {share}"
        )
    errors = sum(row.get("errors", 0) for row in rows)
    if journey is not None:
        errors += journeys.report(journey["tally"])
        print(
            "left behind: {contacts} contacts, {sent} messages sent, {on_a_case} on a case, "
            "{emailed} confirmation emails sent by the worker, {outbox_waiting} waiting in the "
            "outbox".format(**journey["check"])
        )
        wanted = journey["tally"].journeys
        found = journey["check"]
        lost = [k for k in ("contacts", "sent", "on_a_case", "emailed") if found[k] != wanted]
        if lost or found["outbox_waiting"]:
            print(f"  not one per journey ({wanted}): {', '.join(lost) or 'outbox'}")
            errors += 1
    print(f"\nerrors in all: {errors}")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
