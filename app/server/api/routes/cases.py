"""Case detail and the record routes (contact, note, promise, plan proposal, callback).

Record routes take a client-generated id: the first call creates (201), the same body sent
again answers 200 with what was stored. A case the caller never held is 404; one they held
but may not write to now is 403 with its code (app.server.scope decides: the same rule as
`POST /sync/push`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from app.protocol.common import ErrorResponse
from app.protocol.desk import (
    CallbackCreate,
    CaseDetail,
    ContactCreate,
    NoteCreate,
    PlanCreate,
    PromiseCreate,
)
from app.protocol.entities import CallbackData, ContactAttemptData, NoteData, PlanData, PromiseData
from app.protocol.sync import ContactEndPayload
from app.server.api.deps import BearerToken, CurrentUser, SessionDep, SettingsDep, in_one_hop
from app.server.models import User
from app.server.services import records
from app.server.services.case_detail import case_detail
from app.server.services.clock import business_now
from app.server.services.uow import released

router = APIRouter(prefix="/cases", tags=["cases"])

_CONFLICT = {"model": ErrorResponse, "description": "conflict: id already used for another entity"}
_FACT_REFUSED = {
    "model": ErrorResponse,
    "description": (
        "case_not_held: the case was handed over and this was not made while the caller held "
        "it (or the caller's team no longer holds it); handover_grace_expired: made while "
        "held, but sent more than handover_grace_days after the hand-over"
    ),
}
_PLAN_REFUSED = {
    "model": ErrorResponse,
    "description": "plan_not_holder: a plan is proposed by whoever holds the case now",
}


def _responses(model: type[Any], refused: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    return {
        200: {"model": model, "description": "already recorded (same id)"},
        403: refused,
        409: _CONFLICT,
    }


def _answer(rec: records.Recorded, response: Response) -> Any:
    response.status_code = 201 if rec.created else 200
    return rec.data


@router.get("/{case_id}", response_model=CaseDetail)
async def get_case(
    request: Request, case_id: UUID, token: BearerToken, settings: SettingsDep
) -> Response:
    """Borrower (masked PII), loan, schedule, payments, contacts, notes, promises, plans,
    callbacks and the current overdue breakdown. Audited as a view."""
    _now, today = business_now(settings)

    def work(session: Session, user: User) -> bytes:
        detail = case_detail(session, user, str(case_id), today=today)
        # built and validated as CaseDetail already: serialize once
        return detail.model_dump_json().encode()

    return Response(await in_one_hop(request, token, work), media_type="application/json")


@router.post(
    "/{case_id}/notes",
    response_model=NoteData,
    status_code=201,
    responses=_responses(NoteData, _FACT_REFUSED),
)
def post_note(
    case_id: UUID,
    body: NoteCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> Any:
    with released(session):
        return _answer(records.record_note(session, user, settings, str(case_id), body), response)


@router.post(
    "/{case_id}/contacts",
    response_model=ContactAttemptData,
    status_code=201,
    responses=_responses(ContactAttemptData, _FACT_REFUSED),
)
def post_contact(
    case_id: UUID,
    body: ContactCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> Any:
    """Record a call attempt; one that broke the contact policy is stored with
    `policy_violation` set and audited (the call already happened)."""
    with released(session):
        return _answer(
            records.record_contact(session, user, settings, str(case_id), body), response
        )


@router.post(
    "/{case_id}/contacts/{attempt_id}/end",
    response_model=ContactAttemptData,
    responses={
        404: {"model": ErrorResponse, "description": "no dialled attempt with this id"},
        409: {"model": ErrorResponse, "description": "conflict: another agent's attempt"},
    },
)
def post_contact_end(
    case_id: UUID,
    attempt_id: UUID,
    body: ContactEndPayload,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> Any:
    """The phone's end of a dialled call (outcome, talk time): completes the provisional
    attempt the dial opened unless the wrap-up did first (then it only adds what is
    missing); sending it again changes nothing."""
    with released(session):
        return records.end_contact(session, user, settings, str(case_id), str(attempt_id), body)


@router.post(
    "/{case_id}/promises",
    response_model=PromiseData,
    status_code=201,
    responses=_responses(PromiseData, _FACT_REFUSED),
)
def post_promise(
    case_id: UUID,
    body: PromiseCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> Any:
    with released(session):
        return _answer(
            records.record_promise(session, user, settings, str(case_id), body), response
        )


@router.post(
    "/{case_id}/plans",
    response_model=PlanData,
    status_code=201,
    responses=_responses(PlanData, _PLAN_REFUSED),
)
def post_plan(
    case_id: UUID,
    body: PlanCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> Any:
    """Propose a plan; beyond the author's authority it is `pending_approval`."""
    with released(session):
        return _answer(records.record_plan(session, user, settings, str(case_id), body), response)


@router.post(
    "/{case_id}/callbacks",
    response_model=CallbackData,
    status_code=201,
    responses=_responses(CallbackData, _FACT_REFUSED),
)
def post_callback(
    case_id: UUID,
    body: CallbackCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> Any:
    with released(session):
        return _answer(
            records.record_callback(session, user, settings, str(case_id), body), response
        )
