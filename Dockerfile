FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=1 python manage.py collectstatic --noinput \
    && DEBUG=1 python manage.py compilemessages --ignore=.venv || true
RUN useradd --create-home app && chown -R app /app
USER app
EXPOSE 8000 8001
# Workers, threads and keep-alive live in gunicorn.conf.py, shared with the load test.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "contact_portal.wsgi:application"]
