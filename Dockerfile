# tracker: release dates from the news. Same steps as README's quick start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TRACKER_DATA_DIR=/data \
    TRACKER_SERVE_HOST=0.0.0.0

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin tracker \
    && mkdir -p /data \
    && chown tracker:tracker /data

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY alembic ./alembic
COPY tracker ./tracker
# The project itself, from this checkout: its dependencies are bounded in pyproject.toml.
# hadolint ignore=DL3013
RUN pip install --no-cache-dir --upgrade pip \
    && pip install --no-cache-dir ".[postgres]"
COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/tracker-entrypoint

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["tracker-entrypoint"]
