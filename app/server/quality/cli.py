"""The `qa` commands: transcribe a recording, check a transcript, import transcripts, review a
day (heavy imports inside the handlers only).

uv run main.py qa transcribe AUDIO.wav [--engine pocketsphinx] [--call-ref R]
uv run main.py qa check TRANSCRIPT.json [--rules RULES.yaml] [--date D]
uv run main.py qa import FILE.json [--source NAME] [--database-url URL]
uv run main.py qa run [--date D] [--database-url URL]

`transcribe` and `check` work on files and print JSON; `import` and `run` work on the
server's database and print counts only (transcripts are personal data: never printed or
logged by the server commands).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    qa = sub.add_parser("qa", help="quality review of calls: transcribe, check, import, run")
    qa_sub = qa.add_subparsers(dest="qa_command", metavar="QA_COMMAND", required=True)

    tr = qa_sub.add_parser("transcribe", help="print the transcript JSON of a WAV recording")
    tr.add_argument("audio", help="PCM WAV (mono, or agent/customer on two channels)")
    tr.add_argument("--engine", default="pocketsphinx", help="recognition engine")
    tr.add_argument("--call-ref", default=None, help="call reference (default: file name)")
    tr.set_defaults(handler=_transcribe)

    ck = qa_sub.add_parser("check", help="print the findings and score of a transcript JSON")
    ck.add_argument("transcript", help="transcript JSON (the import format, optional facts)")
    ck.add_argument("--rules", default=None, help="rules YAML (default: the shipped rules)")
    ck.add_argument("--date", default=None, help="call date YYYY-MM-DD (default: the file's)")
    ck.set_defaults(handler=_check)

    im = qa_sub.add_parser("import", help="import transcripts (JSON) into the server")
    im.add_argument("file", help="one transcript object or a list of them")
    im.add_argument("--source", default="import", help="where they come from (default import)")
    im.add_argument("--database-url", default=None)
    im.set_defaults(handler=_import)

    run = qa_sub.add_parser("run", help="review every transcribed call of a business day")
    run.add_argument("--date", default=None, help="YYYY-MM-DD (default today, lender zone)")
    run.add_argument("--database-url", default=None)
    run.set_defaults(handler=_run)


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _read_json(path: str) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path} is not UTF-8 JSON: {exc}") from None


def _transcribe(args: argparse.Namespace) -> int:
    from app.domain.quality.types import transcript_to_mapping
    from app.server.quality.audio import AudioError, read_wav
    from app.server.quality.engines import make_engine

    try:
        engine = make_engine(args.engine)
        audio = read_wav(args.audio)
    except (AudioError, ValueError) as exc:
        return _fail(str(exc))
    transcript = engine.transcribe(audio, args.call_ref or Path(args.audio).stem)
    doc = transcript_to_mapping(transcript)
    doc["engine"] = engine.name
    doc["audio_seconds"] = round(audio.seconds, 2)
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return 0


def _check(args: argparse.Namespace) -> int:
    from datetime import date

    from app.domain.errors import DomainError
    from app.domain.quality.engine import review
    from app.domain.quality.rules import load_rules, shipped_rules
    from app.domain.quality.types import transcript_from_mapping

    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        return _fail(f"--date must be YYYY-MM-DD, got {args.date!r}")
    try:
        rules = load_rules(args.rules) if args.rules else shipped_rules()
        transcript = transcript_from_mapping(_read_json(args.transcript))
    except (DomainError, ValueError) as exc:
        return _fail(str(exc))
    result = review(transcript, rules, call_date=day)
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    return 0


def _import(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from app.server.jobs.cli import InvalidSettings, _engine
    from app.server.migrate import SchemaOutOfDate
    from app.server.quality.store import ImportRefused, import_transcripts, parse_import

    try:
        transcripts = parse_import(_read_json(args.file))
    except (ImportRefused, ValueError) as exc:
        return _fail(str(exc))
    try:
        engine, settings = _engine(args.database_url)
    except (SchemaOutOfDate, InvalidSettings) as exc:
        return _fail(str(exc))
    try:
        with Session(engine) as session:
            result = import_transcripts(
                session,
                transcripts,
                source=args.source,
                lender_timezone=settings.lender_timezone,
            )
            session.commit()
    except ImportRefused as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    print(f"transcripts imported: {result.imported}, replaced: {result.replaced}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import Session

    from app.server.jobs.cli import InvalidSettings, _engine
    from app.server.migrate import SchemaOutOfDate
    from app.server.quality.review_run import run_day

    try:
        engine, settings = _engine(args.database_url)
    except (SchemaOutOfDate, InvalidSettings) as exc:
        return _fail(str(exc))
    try:
        try:
            day = (
                date.fromisoformat(args.date)
                if args.date
                else datetime.now(ZoneInfo(settings.lender_timezone)).date()
            )
        except ValueError:
            return _fail(f"--date must be YYYY-MM-DD, got {args.date!r}")
        with Session(engine) as session:
            summary = run_day(session, day, lender_timezone=settings.lender_timezone)
            session.commit()
    finally:
        engine.dispose()
    print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    return 0
