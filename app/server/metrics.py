"""Prometheus metrics of the API (`GET /metrics`, text format), correct with several worker
processes.

What is measured:
- `collection_desk_http_requests_total{method, route, status}` and
  `collection_desk_http_request_duration_seconds{method, route}`: by route TEMPLATE
  (`/cases/{case_id}`), never the raw path (it carries ids and search terms);
- `collection_desk_sync_ops_total{status}`: pushed ops answered applied / duplicate /
  rejected;
- `collection_desk_login_failures_total`: wrong passwords;
- `collection_desk_job_last_success_timestamp_seconds{job}` and
  `collection_desk_job_step_duration_seconds{job, step}`: read from the database at scrape
  time (the daily chain's `job.daily` audit row), so every worker answers the same.

Contract: with several workers (`serve --workers N`) each process writes its counters to
files under `PROMETHEUS_MULTIPROC_DIR` (set by `serve` before the workers start) and a
scrape, whichever worker answers it, sums them (prometheus_client's multiprocess mode).
Nothing a worker needs from another lives in its memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.server.models import AuditLog

CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter(
    "collection_desk_http_requests_total",
    "HTTP requests answered, by route template and status",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "collection_desk_http_request_duration_seconds",
    "Time to answer a request, by route template",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SYNC_OPS = Counter("collection_desk_sync_ops_total", "Pushed sync ops by answer", ["status"])
LOGIN_FAILURES = Counter("collection_desk_login_failures_total", "Wrong passwords")


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)


def count_sync_ops(statuses: Iterable[str]) -> None:
    for status in statuses:
        SYNC_OPS.labels(status).inc()


class _JobCollector:
    """The daily chain's last success and step durations, from the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        last = GaugeMetricFamily(
            "collection_desk_job_last_success_timestamp_seconds",
            "When a job last finished without error (Unix time)",
            labels=["job"],
        )
        steps = GaugeMetricFamily(
            "collection_desk_job_step_duration_seconds",
            "Seconds each step of the job's last successful run took",
            labels=["job", "step"],
        )
        with Session(self.engine) as session:
            row = session.execute(
                select(AuditLog.at, AuditLog.details)
                .where(AuditLog.action == "job.daily")
                .order_by(AuditLog.at.desc(), AuditLog.id.desc())
                .limit(1)
            ).first()
        if row is not None:
            at, details = row
            last.add_metric(["daily"], at.timestamp())
            for step, seconds in dict((details or {}).get("seconds", {})).items():
                steps.add_metric(["daily", str(step)], float(seconds))
        yield last
        yield steps


def render(engine: Engine) -> bytes:
    """The metrics page: this process's counters (or every worker's, in multiprocess mode)
    and the job figures from the database."""
    registry: Any
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = CollectorRegistry()
        for collector in (REQUESTS, LATENCY, SYNC_OPS, LOGIN_FAILURES):
            registry.register(collector)
    registry.register(_JobCollector(engine))
    return bytes(generate_latest(registry))
