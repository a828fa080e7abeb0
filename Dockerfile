FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
# Exactly the locked versions (make lock writes requirements.lock from pyproject.toml's ranges).
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock && pip check
COPY . .
# A failed build step fails the image: no step here is allowed to fail quietly.
RUN DEBUG=1 python manage.py collectstatic --noinput \
    && DEBUG=1 python manage.py compilemessages --ignore=.venv
RUN useradd --create-home app && chown -R app /app
USER app
EXPOSE 8000 8001
# Workers, threads and keep-alive live in gunicorn.conf.py, shared with the load test.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "contact_portal.wsgi:application"]
