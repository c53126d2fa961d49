"""The demo's default-risk model: fitted on the demo book's own history and the book scored,
once, when the demo starts for the first time (`demo`, `serve --demo`), so a demo agent
sees each borrower's risk segment and top factors on the profile and the care calls in the
worklist, as on a server where operations run `risk fit` and `risk score`.

Kept out of `seed_demo`: `demo-data` builds the bare book so that `risk fit` on it is
version 1, as the risk commands' own tests and the bench expect. On the 5,000-loan demo
book the fit takes about 5 s and the score under 1 s (2026-12-02, this machine)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.server.models import RiskModel
from app.server.settings import Settings

log = logging.getLogger(__name__)


def fit_and_score_demo(engine: Engine, *, today: date, settings: Settings) -> bool:
    """Fit the model as of `today` and score the book for `today` unless a model is already
    stored (a restart keeps the first start's scores). Returns whether it fitted. A book too
    small to have both outcomes is left unscored, which the desk shows as no factors."""
    from app.server.risk.fitting import NotEnoughHistory, fit_model
    from app.server.risk.scoring import score_book

    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(RiskModel)):
            return False
        try:
            report = fit_model(session, as_of=today, lender_tz=settings.lender_timezone)
        except NotEnoughHistory as exc:
            log.warning("demo: no risk model (%s)", exc)
            return False
    log.info("demo: risk model v%d, held-out AUC %.3f", report.version, report.auc_test)
    score_book(engine, business_date=today, settings=settings)
    return True
