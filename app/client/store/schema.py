"""Local store schema as an ordered list of migrations (`schema_version` table).

Each server entity is one table: a few extracted columns for the worklist and lookups
plus the full wire payload as JSON (`data`). Installments and payments travel inside
the loan payload (LoanData) and are kept there: one row per loan makes the first sync
of 20,000 cases ~3 inserts per case instead of ~40, and the case detail reads one row.

Columns common to synced tables:
- `gen`: generation of the full sync that last saw the row (mark-and-sweep on resync);
- `local_state` (child facts only): 'synced' | 'pending' (only in the outbox yet) |
  'rejected' (the server refused the op that created it).

The case payload lives in `case_data` (schema 3) so that worklist scans over `cases`
read narrow rows. Cases carry denormalised worklist columns (borrower name, contract, plate, first phone)
and `search_text`: lower-cased name, contract, plate (without separators) and every
phone's last 4 digits, matched with `instr` — a plain scan of 20,000 short strings takes
a few ms and, unlike FTS tokenisers, finds Chinese substrings.
"""

from __future__ import annotations

_CHILD_TABLE = """
CREATE TABLE {name} (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    at TEXT,
    data TEXT NOT NULL,
    local_state TEXT NOT NULL DEFAULT 'synced',
    gen INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_{name}_case ON {name}(case_id, at);
"""

MIGRATIONS: list[str] = [
    # 1: initial schema
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        loan_id TEXT NOT NULL,
        borrower_id TEXT NOT NULL,
        status TEXT NOT NULL,
        assigned_to TEXT,
        bucket TEXT NOT NULL,
        dpd INTEGER NOT NULL,
        overdue_total INTEGER NOT NULL,
        priority INTEGER NOT NULL,
        last_contact_at TEXT,
        next_action_at TEXT,
        next_action_kind TEXT NOT NULL DEFAULT 'none',
        version INTEGER NOT NULL DEFAULT 0,
        borrower_name TEXT NOT NULL DEFAULT '',
        contract_no TEXT NOT NULL DEFAULT '',
        plate TEXT NOT NULL DEFAULT '',
        phone_masked TEXT,
        search_text TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        gen INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX ix_cases_next ON cases(status, next_action_at, priority);
    CREATE INDEX ix_cases_bucket ON cases(status, bucket);
    CREATE INDEX ix_cases_priority ON cases(priority);
    CREATE INDEX ix_cases_loan ON cases(loan_id);
    CREATE INDEX ix_cases_borrower ON cases(borrower_id);

    CREATE TABLE borrowers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        gen INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE loans (
        id TEXT PRIMARY KEY,
        borrower_id TEXT NOT NULL,
        contract_no TEXT NOT NULL,
        plate TEXT NOT NULL,
        data TEXT NOT NULL,
        gen INTEGER NOT NULL DEFAULT 0
    );
    """
    + "".join(
        _CHILD_TABLE.format(name=n) for n in ("contacts", "notes", "promises", "plans", "callbacks")
    )
    + """
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);

    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        case_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        base_version INTEGER,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        code TEXT,
        current TEXT
    );
    CREATE INDEX ix_outbox_status ON outbox(status, seq);
    CREATE INDEX ix_outbox_case ON outbox(case_id);

    CREATE TABLE acks (
        op_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        acked_at TEXT NOT NULL
    );

    CREATE TABLE drafts (
        case_id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 2: columns the worklist's "callable now" needs without parsing JSON per row
    """
    ALTER TABLE cases ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE cases ADD COLUMN debtor_unreachable INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE cases ADD COLUMN phone_id TEXT;
    ALTER TABLE cases ADD COLUMN phone_tz TEXT;
    UPDATE cases SET
        flags = coalesce(json_extract(data, '$.flags'), '[]'),
        debtor_unreachable = coalesce(json_extract(data, '$.debtor_unreachable'), 0),
        phone_id = (SELECT json_extract(b.data, '$.phones[0].id') FROM borrowers b
                    WHERE b.id = cases.borrower_id),
        phone_tz = (SELECT coalesce(json_extract(b.data, '$.phones[0].timezone'),
                                    json_extract(b.data, '$.timezone')) FROM borrowers b
                    WHERE b.id = cases.borrower_id);
    """,
    # 3: the case payload moves out of `cases`, so worklist scans read narrow rows only
    """
    CREATE TABLE case_data (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    INSERT INTO case_data(id, data) SELECT id, data FROM cases;
    ALTER TABLE cases DROP COLUMN data;
    """,
    # 4: indexes for the worklist plans (covering search/count index, one per sort key)
    """
    CREATE INDEX ix_cases_search ON cases(status, bucket, search_text);
    CREATE INDEX ix_cases_action ON cases(next_action_at);
    CREATE INDEX ix_cases_kind ON cases(next_action_kind);
    CREATE INDEX ix_cases_dpd ON cases(dpd);
    CREATE INDEX ix_cases_overdue ON cases(overdue_total);
    CREATE INDEX ix_cases_name ON cases(borrower_name);
    CREATE INDEX ix_cases_last_contact ON cases(last_contact_at);
    DROP INDEX ix_cases_next;
    DROP INDEX ix_cases_bucket;
    """,
    # 5: index-only walks for the three next-action segments (see app.client.worklist_order)
    """
    CREATE INDEX ix_cases_walk
        ON cases(priority, status, next_action_kind, next_action_at, bucket, search_text);
    CREATE INDEX ix_cases_broken
        ON cases(next_action_kind, priority, status, bucket, search_text);
    DROP INDEX ix_cases_action;
    CREATE INDEX ix_cases_action
        ON cases(next_action_at, next_action_kind, priority, status, bucket, search_text);
    DROP INDEX ix_cases_kind;
    DROP INDEX ix_cases_priority;
    ANALYZE;
    """,
    # 6: the whole wrap-up form is kept as a draft (JSON), and which callbacks were reminded
    """
    ALTER TABLE drafts ADD COLUMN form TEXT;
    CREATE TABLE reminders (
        callback_id TEXT PRIMARY KEY,
        reminded_at TEXT NOT NULL
    );
    """,
    # 7: the case's kind (collection, or a care call on a current high-risk loan)
    """
    ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'collection';
    UPDATE cases SET kind = coalesce(
        (SELECT json_extract(d.data, '$.kind') FROM case_data d WHERE d.id = cases.id),
        'collection');
    """,
    # 8: off the calling queue while a catch-up plan performs (the server's plan_quiet)
    """
    ALTER TABLE cases ADD COLUMN plan_quiet INTEGER NOT NULL DEFAULT 0;
    UPDATE cases SET plan_quiet = coalesce(
        (SELECT json_extract(d.data, '$.plan_quiet') FROM case_data d WHERE d.id = cases.id),
        0);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# wire entity kind -> local table for append-only child facts
CHILD_TABLES: dict[str, str] = {
    "contact_attempt": "contacts",
    "note": "notes",
    "promise": "promises",
    "plan": "plans",
    "callback": "callbacks",
}

# field of each child payload used as its time column `at`
CHILD_TIME_FIELD: dict[str, str] = {
    "contact_attempt": "started_at",
    "note": "created_at",
    "promise": "created_at",
    "plan": "created_at",
    "callback": "due_at",
}

CHILD_TABLE_NAMES: tuple[str, ...] = tuple(CHILD_TABLES.values())
