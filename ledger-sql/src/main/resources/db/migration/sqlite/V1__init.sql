-- Casefunds Ledger, schema version 1 (SQLite).
-- Dates are days since 1970-01-01 (INTEGER), money is minor units (INTEGER), flags are 0/1.
-- The journal (event, posting) is append-only: triggers refuse UPDATE and DELETE.
-- Every other table is a projection: the fold of the journal, rebuildable from it.

CREATE TABLE ledger_info (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    format         TEXT    NOT NULL CHECK (format = 'casefunds-ledger'),
    schema_version INTEGER NOT NULL,
    court_code     TEXT,
    court_name     TEXT,
    opened_on      INTEGER,
    last_sequence  INTEGER NOT NULL CHECK (last_sequence >= 0),
    last_hash      TEXT    NOT NULL CHECK (length(last_hash) = 64),
    closed_through INTEGER
) STRICT;

INSERT INTO ledger_info (id, format, schema_version, last_sequence, last_hash)
VALUES (1, 'casefunds-ledger', 1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE event (
    sequence        INTEGER PRIMARY KEY CHECK (sequence > 0),
    idempotency_key TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 128),
    kind            TEXT    NOT NULL,
    effective_date  INTEGER NOT NULL,
    recorded_at     INTEGER NOT NULL,
    body            TEXT    NOT NULL,
    hash            TEXT    NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'events are append-only: correct an event with a reversal'); END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'events are append-only: correct an event with a reversal'); END;

CREATE TABLE posting (
    sequence       INTEGER NOT NULL,
    line           INTEGER NOT NULL,
    account        TEXT    NOT NULL,
    currency       TEXT    NOT NULL CHECK (length(currency) = 3),
    debit          INTEGER NOT NULL CHECK (debit IN (0, 1)),
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    effective_date INTEGER NOT NULL,
    PRIMARY KEY (sequence, line)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER posting_is_append_only_update BEFORE UPDATE ON posting
BEGIN SELECT RAISE(ABORT, 'postings are append-only: correct an event with a reversal'); END;
CREATE TRIGGER posting_is_append_only_delete BEFORE DELETE ON posting
BEGIN SELECT RAISE(ABORT, 'postings are append-only: correct an event with a reversal'); END;

CREATE TABLE bank_account (
    number        TEXT    PRIMARY KEY,
    position      INTEGER NOT NULL,
    currency      TEXT    NOT NULL,
    registered_on INTEGER NOT NULL,
    retired       INTEGER NOT NULL CHECK (retired IN (0, 1)),
    body          TEXT    NOT NULL
) STRICT;

CREATE TABLE case_record (
    case_number TEXT    PRIMARY KEY,
    sub_account TEXT    NOT NULL UNIQUE,
    handler     TEXT    NOT NULL,
    opened_on   INTEGER NOT NULL,
    body        TEXT    NOT NULL
) STRICT;

CREATE TABLE receipt (
    receipt_key    TEXT    PRIMARY KEY,
    sequence       INTEGER NOT NULL,
    bank_account   TEXT    NOT NULL,
    bank_reference TEXT    NOT NULL,
    value_date     INTEGER NOT NULL,
    currency       TEXT    NOT NULL,
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    routing        TEXT    NOT NULL,
    case_number    TEXT,
    reversed       INTEGER NOT NULL CHECK (reversed IN (0, 1)),
    body           TEXT    NOT NULL
) STRICT;

-- A bank serial number is recorded once per master account (until that receipt is reversed).
CREATE UNIQUE INDEX receipt_by_reference ON receipt (bank_account, bank_reference) WHERE reversed = 0;

CREATE TABLE lot (
    sequence        INTEGER NOT NULL,
    idx             INTEGER NOT NULL,
    account         TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    remaining_minor INTEGER NOT NULL CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
    arrival_date    INTEGER NOT NULL,
    clock_start     INTEGER NOT NULL,
    available_from  INTEGER NOT NULL,
    receipt_key     TEXT    NOT NULL,
    created_on      INTEGER NOT NULL,
    origin          TEXT    NOT NULL,
    PRIMARY KEY (sequence, idx)
) STRICT, WITHOUT ROWID;

-- Commands take a case's open lots oldest clock first; only open lots are indexed.
CREATE INDEX lot_open ON lot (account, currency, clock_start, sequence, idx) WHERE remaining_minor > 0;
-- Claims and refunds take an unidentified receipt's open lots.
CREATE INDEX lot_open_by_receipt ON lot (receipt_key) WHERE remaining_minor > 0;

CREATE TABLE balance (
    account         TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    posted_minor    INTEGER NOT NULL CHECK (posted_minor >= 0),
    pending_minor   INTEGER NOT NULL CHECK (pending_minor >= 0),
    lot_total_minor INTEGER NOT NULL CHECK (lot_total_minor >= 0),
    PRIMARY KEY (account, currency)
) STRICT, WITHOUT ROWID;

-- The change of each balance per effective day: balances as of any date, and the lowest balance
-- from a date on, without reading postings.
CREATE TABLE daily_change (
    account      TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    day          INTEGER NOT NULL,
    change_minor INTEGER NOT NULL,
    PRIMARY KEY (account, currency, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE disbursement (
    id             TEXT    PRIMARY KEY,
    kind           TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    case_number    TEXT,
    currency       TEXT    NOT NULL,
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    bank_account   TEXT    NOT NULL,
    issued_on      INTEGER NOT NULL,
    issue_sequence INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    finished_on    INTEGER,
    body           TEXT    NOT NULL
) STRICT;

-- Disbursements in transit are what the daily checks look at; the others are history.
CREATE INDEX disbursement_in_transit ON disbursement (issued_on) WHERE status = 'ISSUED';

CREATE TABLE reversal (
    reversed_sequence INTEGER PRIMARY KEY,
    by_sequence       INTEGER NOT NULL
) STRICT;

CREATE TABLE deferral (
    id          TEXT    PRIMARY KEY,
    case_number TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    body        TEXT    NOT NULL
) STRICT;

CREATE INDEX deferral_by_case ON deferral (case_number, position);

-- History of the projections, for reports as of a past date. For most questions about a date the
-- current projections answer; these tables say what changed after it. Each is rebuildable too.

-- Each change of a lot's remainder, by the event that made it.
CREATE TABLE lot_movement (
    lot_sequence   INTEGER NOT NULL,
    lot_idx        INTEGER NOT NULL,
    sequence       INTEGER NOT NULL,
    effective_date INTEGER NOT NULL,
    change_minor   INTEGER NOT NULL,
    PRIMARY KEY (lot_sequence, lot_idx, sequence)
) STRICT, WITHOUT ROWID;
CREATE INDEX lot_movement_by_day ON lot_movement (effective_date);

-- Each change of a disbursement's status. Its changes are never dated before one another.
CREATE TABLE disbursement_change (
    id             TEXT    NOT NULL,
    sequence       INTEGER NOT NULL,
    changed_on     INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    finished_on    INTEGER,
    bank_reference TEXT,
    PRIMARY KEY (id, sequence)
) STRICT, WITHOUT ROWID;
CREATE INDEX disbursement_change_by_day ON disbursement_change (changed_on);

-- Each state of a deferral (grant, renewal, lift). Its changes are never dated before one another.
CREATE TABLE deferral_change (
    id         TEXT    NOT NULL,
    sequence   INTEGER NOT NULL,
    changed_on INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    PRIMARY KEY (id, sequence)
) STRICT, WITHOUT ROWID;

-- Each handler of a case (opening, hand-overs).
CREATE TABLE case_change (
    case_number TEXT    NOT NULL,
    sequence    INTEGER NOT NULL,
    changed_on  INTEGER NOT NULL,
    handler     TEXT    NOT NULL,
    PRIMARY KEY (case_number, sequence)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_change_by_day ON case_change (changed_on);
