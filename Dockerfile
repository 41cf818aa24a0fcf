# kuty's production image: gunicorn web, Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app kuty
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# Build-time only values: settings need a URL and a key to load for collectstatic.
RUN python -m kuty.i18n_build \
 && DATABASE_URL=postgresql://build@localhost/build SECRET_KEY=build-only \
    KUTY_PROFILE=production STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput -v 0 \
 && mkdir -p /var/lib/kuty/media \
 && chown -R kuty /app /var/lib/kuty
USER kuty
ENV KUTY_PROFILE=production STATIC_ROOT=/app/staticfiles KUTY_DATA_DIR=/tmp/kuty \
    MEDIA_ROOT=/var/lib/kuty/media
EXPOSE 8000
CMD ["gunicorn", "kuty.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
