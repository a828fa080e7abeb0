# Three stages: the app; the proxy (nginx with the collected static files, ops/nginx.conf), so
# static files never queue behind gunicorn's threads; and the app again as the default target.
FROM python:3.12-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
# Exactly the locked versions (make lock writes requirements.lock from pyproject.toml's ranges).
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock && pip check
COPY . .
# A failed build step fails the image: no step here is allowed to fail quietly. Static files
# are collected with the production storage (DEBUG=0: hashed names and their manifest, which
# the pages' links need); the key is a placeholder, only for this step.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput \
    && DEBUG=1 python manage.py compilemessages --ignore=.venv
RUN useradd --create-home app && chown -R app /app
USER app
EXPOSE 8000 8001
# Workers, threads and keep-alive live in gunicorn.conf.py, shared with the load test.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "contact_portal.wsgi:application"]

FROM nginx:1.27 AS proxy
COPY ops/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=app /app/staticfiles /srv/static

FROM app
