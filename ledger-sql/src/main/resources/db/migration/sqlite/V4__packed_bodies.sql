-- Casefunds Ledger, schema version 4 (SQLite): fewer bytes per event.
-- Canonical texts are kept packed (BLOB): a packing byte, then the UTF-8 text compressed by DEFLATE
-- with a preset dictionary of the format's field names (PackedText). An event's row keeps its text
-- with the lines sequence, effectiveDate and previousHash left empty: its columns, and the hash of
-- the row before, hold them (StoredEvent). The hash is its 32 bytes. recorded_at is gone: no query
-- read it, and the text holds it.
--
-- This script changes the tables; the Java migration 4.1 that follows in the same run (PackEvents)
-- moves each event from event_v3 into the new event table, drops event_v3 and sets the schema
-- version to 4. The projections are emptied here and folded afresh from the journal when the
-- ledger is opened after the upgrade.

DROP TRIGGER event_is_append_only_update;
DROP TRIGGER event_is_append_only_delete;
ALTER TABLE event RENAME TO event_v3;

CREATE TABLE event (
    sequence        INTEGER PRIMARY KEY CHECK (sequence > 0),
    idempotency_key TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 128),
    kind            TEXT    NOT NULL,
    effective_date  INTEGER NOT NULL,
    body            BLOB    NOT NULL,
    hash            BLOB    NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'events are append-only: correct an event with a reversal'); END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'events are append-only: correct an event with a reversal'); END;

-- The projections that keep canonical text, made again with packed bodies (folded afresh after).

DROP TABLE bank_account;
CREATE TABLE bank_account (
    number        TEXT    PRIMARY KEY,
    position      INTEGER NOT NULL,
    currency      TEXT    NOT NULL,
    registered_on INTEGER NOT NULL,
    retired       INTEGER NOT NULL CHECK (retired IN (0, 1)),
    body          BLOB    NOT NULL
) STRICT;

DROP TABLE case_record;
CREATE TABLE case_record (
    case_number TEXT    PRIMARY KEY,
    sub_account TEXT    NOT NULL UNIQUE,
    handler     TEXT    NOT NULL,
    opened_on   INTEGER NOT NULL,
    body        BLOB    NOT NULL
) STRICT;

DROP TABLE receipt;
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
    body           BLOB    NOT NULL
) STRICT;
CREATE UNIQUE INDEX receipt_by_reference ON receipt (bank_account, bank_reference) WHERE reversed = 0;

DROP TABLE disbursement;
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
    body           BLOB    NOT NULL
) STRICT;
CREATE INDEX disbursement_in_transit ON disbursement (issued_on) WHERE status = 'ISSUED';

DROP TABLE deferral;
CREATE TABLE deferral (
    id          TEXT    PRIMARY KEY,
    case_number TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    body        BLOB    NOT NULL
) STRICT;
CREATE INDEX deferral_by_case ON deferral (case_number, position);

DROP TABLE deferral_change;
CREATE TABLE deferral_change (
    id         TEXT    NOT NULL,
    sequence   INTEGER NOT NULL,
    changed_on INTEGER NOT NULL,
    body       BLOB    NOT NULL,
    PRIMARY KEY (id, sequence)
) STRICT, WITHOUT ROWID;

DROP TABLE court_rule;
CREATE TABLE court_rule (
    sequence       INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('CALENDAR_YEAR', 'POLICY')),
    effective_date INTEGER NOT NULL,
    body           BLOB    NOT NULL
) STRICT;

DROP TABLE staff_change;
CREATE TABLE staff_change (
    sequence       INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('REGISTERED', 'GRANTED', 'REVOKED')),
    effective_date INTEGER NOT NULL,
    body           BLOB    NOT NULL,
    PRIMARY KEY (sequence, position)
) STRICT;
