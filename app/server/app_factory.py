"""`create_app(settings) -> FastAPI`: wires settings, database, error shape and routers."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy import Engine

from app.server import changes as _changes  # noqa: F401  (installs the commit-order hook)
from app.server.access_log import AccessLogMiddleware
from app.server.api.routes import (
    audit,
    auth,
    cases,
    contact_check,
    exports,
    health,
    metrics,
    pii,
    plans,
    quality,
    reassign,
    sync,
    team,
    team_kpis,
    team_reassign,
    worklist,
)
from app.server.db import make_engine, make_read_session_factory, make_session_factory
from app.server.errors import ERROR_RESPONSES, document_error_responses, install_error_handlers
from app.server.migrate import ensure_current
from app.server.passwords import make_hasher
from app.server.settings import Settings, get_settings

log = logging.getLogger(__name__)

# Threads that run the routes' database work (sync routes and dependencies, `in_one_hop`).
# anyio's default is 40; with one GIL, 40 runnable threads spend their time handing the GIL
# over, and the database (2 cores here) gains nothing beyond a few concurrent queries:
# measured on the worklist bench, 8 threads answered ~1.5x the requests of 40 at a lower p99.
THREADPOOL_SIZE = 8

# Every router of the API, in the order the OpenAPI document lists them. Imported statically:
# a renamed or missing module fails at import, it never silently drops its routes.
ROUTERS = (
    health.router,
    auth.router,
    sync.router,
    worklist.router,
    cases.router,
    plans.router,
    reassign.router,
    audit.router,
    pii.router,
    pii.router_team,
    contact_check.router,
    team.router,
    team_reassign.router,
    team_kpis.router,
    exports.router,
    metrics.router,
    quality.router,
)


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the API. Refuses (SchemaOutOfDate) a database whose revision is not the head."""
    settings = settings or get_settings()
    url = settings.resolved_database_url()
    own_engine = engine is None
    engine = engine or make_engine(url)
    if settings.check_migrations:
        try:
            ensure_current(engine, url)
        except Exception:
            if own_engine:
                engine.dispose()
            raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Everything imported and built so far lives as long as the process: move it out of
        # the cyclic GC's generations, so the full collections that a big response (a sync
        # page allocates ~150k objects) triggers do not rescan it (~1/3 of a page's CPU).
        gc.freeze()
        to_thread.current_default_thread_limiter().total_tokens = THREADPOOL_SIZE
        yield
        if own_engine:
            engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="Collection Desk API",
        version="1.0",
        description="Central API of Collection Desk (催收工作台). "
        'Every error answers `{"error": {"code", "message", "details"}}`.',
        responses=ERROR_RESPONSES,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.read_session_factory = make_read_session_factory(engine)
    app.state.hasher = make_hasher(settings)
    install_error_handlers(app)
    app.add_middleware(AccessLogMiddleware, metrics=settings.metrics_enabled)
    for router in ROUTERS:
        app.include_router(router)
    document_error_responses(app)
    return app
