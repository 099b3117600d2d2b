-- Casefunds Ledger, schema version 1 (PostgreSQL): the same tables and columns as the SQLite script.
-- Dates are days since 1970-01-01 (BIGINT), money is minor units (BIGINT), flags are 0/1.
-- The journal (event, posting) is append-only: triggers refuse UPDATE and DELETE.
-- Every other table is a projection: the fold of the journal, rebuildable from it.

CREATE TABLE ledger_info (
    id             BIGINT PRIMARY KEY CHECK (id = 1),
    format         TEXT    NOT NULL CHECK (format = 'casefunds-ledger'),
    schema_version BIGINT NOT NULL,
    court_code     TEXT,
    court_name     TEXT,
    opened_on      BIGINT,
    last_sequence  BIGINT NOT NULL CHECK (last_sequence >= 0),
    last_hash      TEXT    NOT NULL CHECK (length(last_hash) = 64),
    closed_through BIGINT
);

INSERT INTO ledger_info (id, format, schema_version, last_sequence, last_hash)
VALUES (1, 'casefunds-ledger', 1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE event (
    sequence        BIGINT PRIMARY KEY CHECK (sequence > 0),
    idempotency_key TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 128),
    kind            TEXT    NOT NULL,
    effective_date  BIGINT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    body            TEXT    NOT NULL,
    hash            TEXT    NOT NULL CHECK (length(hash) = 64)
);


CREATE TABLE posting (
    sequence       BIGINT NOT NULL,
    line           BIGINT NOT NULL,
    account        TEXT    NOT NULL,
    currency       TEXT    NOT NULL CHECK (length(currency) = 3),
    debit          BIGINT NOT NULL CHECK (debit IN (0, 1)),
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    effective_date BIGINT NOT NULL,
    PRIMARY KEY (sequence, line)
);


CREATE TABLE bank_account (
    number        TEXT    PRIMARY KEY,
    position      BIGINT NOT NULL,
    currency      TEXT    NOT NULL,
    registered_on BIGINT NOT NULL,
    retired       BIGINT NOT NULL CHECK (retired IN (0, 1)),
    body          TEXT    NOT NULL
);

CREATE TABLE case_record (
    case_number TEXT    PRIMARY KEY,
    sub_account TEXT    NOT NULL UNIQUE,
    handler     TEXT    NOT NULL,
    opened_on   BIGINT NOT NULL,
    body        TEXT    NOT NULL
);

CREATE TABLE receipt (
    receipt_key    TEXT    PRIMARY KEY,
    sequence       BIGINT NOT NULL,
    bank_account   TEXT    NOT NULL,
    bank_reference TEXT    NOT NULL,
    value_date     BIGINT NOT NULL,
    currency       TEXT    NOT NULL,
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    routing        TEXT    NOT NULL,
    case_number    TEXT,
    reversed       BIGINT NOT NULL CHECK (reversed IN (0, 1)),
    body           TEXT    NOT NULL
);

-- A bank serial number is recorded once per master account (until that receipt is reversed).
CREATE UNIQUE INDEX receipt_by_reference ON receipt (bank_account, bank_reference) WHERE reversed = 0;

CREATE TABLE lot (
    sequence        BIGINT NOT NULL,
    idx             BIGINT NOT NULL,
    account         TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    amount_minor    BIGINT NOT NULL CHECK (amount_minor > 0),
    remaining_minor BIGINT NOT NULL CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
    arrival_date    BIGINT NOT NULL,
    clock_start     BIGINT NOT NULL,
    available_from  BIGINT NOT NULL,
    receipt_key     TEXT    NOT NULL,
    created_on      BIGINT NOT NULL,
    origin          TEXT    NOT NULL,
    PRIMARY KEY (sequence, idx)
);

-- Commands take a case's open lots oldest clock first; only open lots are indexed.
CREATE INDEX lot_open ON lot (account, currency, clock_start, sequence, idx) WHERE remaining_minor > 0;
-- Claims and refunds take an unidentified receipt's open lots.
CREATE INDEX lot_open_by_receipt ON lot (receipt_key) WHERE remaining_minor > 0;

CREATE TABLE balance (
    account         TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    posted_minor    BIGINT NOT NULL CHECK (posted_minor >= 0),
    pending_minor   BIGINT NOT NULL CHECK (pending_minor >= 0),
    lot_total_minor BIGINT NOT NULL CHECK (lot_total_minor >= 0),
    PRIMARY KEY (account, currency)
);

-- The change of each balance per effective day: balances as of any date, and the lowest balance
-- from a date on, without reading postings.
CREATE TABLE daily_change (
    account      TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    day          BIGINT NOT NULL,
    change_minor BIGINT NOT NULL,
    PRIMARY KEY (account, currency, day)
);

CREATE TABLE disbursement (
    id             TEXT    PRIMARY KEY,
    kind           TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    case_number    TEXT,
    currency       TEXT    NOT NULL,
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    bank_account   TEXT    NOT NULL,
    issued_on      BIGINT NOT NULL,
    issue_sequence BIGINT NOT NULL,
    status         TEXT    NOT NULL,
    finished_on    BIGINT,
    body           TEXT    NOT NULL
);

-- Disbursements in transit are what the daily checks look at; the others are history.
CREATE INDEX disbursement_in_transit ON disbursement (issued_on) WHERE status = 'ISSUED';

CREATE TABLE reversal (
    reversed_sequence BIGINT PRIMARY KEY,
    by_sequence       BIGINT NOT NULL
);

CREATE TABLE deferral (
    id          TEXT    PRIMARY KEY,
    case_number TEXT    NOT NULL,
    position    BIGINT NOT NULL,
    body        TEXT    NOT NULL
);

CREATE INDEX deferral_by_case ON deferral (case_number, position);

-- History of the projections, for reports as of a past date. For most questions about a date the
-- current projections answer; these tables say what changed after it. Each is rebuildable too.

-- Each change of a lot's remainder, by the event that made it.
CREATE TABLE lot_movement (
    lot_sequence   BIGINT NOT NULL,
    lot_idx        BIGINT NOT NULL,
    sequence       BIGINT NOT NULL,
    effective_date BIGINT NOT NULL,
    change_minor   BIGINT NOT NULL,
    PRIMARY KEY (lot_sequence, lot_idx, sequence)
);
CREATE INDEX lot_movement_by_day ON lot_movement (effective_date);

-- Each change of a disbursement's status. Its changes are never dated before one another.
CREATE TABLE disbursement_change (
    id             TEXT    NOT NULL,
    sequence       BIGINT NOT NULL,
    changed_on     BIGINT NOT NULL,
    status         TEXT    NOT NULL,
    finished_on    BIGINT,
    bank_reference TEXT,
    PRIMARY KEY (id, sequence)
);
CREATE INDEX disbursement_change_by_day ON disbursement_change (changed_on);

-- Each state of a deferral (grant, renewal, lift). Its changes are never dated before one another.
CREATE TABLE deferral_change (
    id         TEXT    NOT NULL,
    sequence   BIGINT NOT NULL,
    changed_on BIGINT NOT NULL,
    body       TEXT    NOT NULL,
    PRIMARY KEY (id, sequence)
);

-- Each handler of a case (opening, hand-overs).
CREATE TABLE case_change (
    case_number TEXT    NOT NULL,
    sequence    BIGINT NOT NULL,
    changed_on  BIGINT NOT NULL,
    handler     TEXT    NOT NULL,
    PRIMARY KEY (case_number, sequence)
);
CREATE INDEX case_change_by_day ON case_change (changed_on);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only: correct an event with a reversal', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER event_is_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER posting_is_append_only BEFORE UPDATE OR DELETE ON posting
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER event_is_never_truncated BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER posting_is_never_truncated BEFORE TRUNCATE ON posting
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
