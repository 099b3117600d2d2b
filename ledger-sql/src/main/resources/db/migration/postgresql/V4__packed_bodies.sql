-- Casefunds Ledger, schema version 4 (PostgreSQL): the same tables and columns as the SQLite script.
-- Canonical texts are kept packed (BYTEA): a packing byte, then the UTF-8 text compressed by DEFLATE
-- with a preset dictionary of the format's field names (PackedText). An event's row keeps its text
-- with the lines sequence, effectiveDate and previousHash left empty: its columns, and the hash of
-- the row before, hold them (StoredEvent). The hash is its 32 bytes. recorded_at is gone: no query
-- read it, and the text holds it.
--
-- This script changes the tables; the Java migration 4.1 that follows in the same run (PackEvents)
-- moves each event from event_v3 into the new event table, drops event_v3 and sets the schema
-- version to 4. The old rows are never updated, so the append-only triggers stay as they are until
-- the old table is dropped. The projections are emptied here and folded afresh from the journal
-- when the ledger is opened after the upgrade; the owner grants the writer role its rights on the
-- new tables again (SqlLedger.postgresMigrate).

ALTER TABLE event RENAME TO event_v3;
ALTER INDEX event_pkey RENAME TO event_v3_pkey;
ALTER INDEX event_idempotency_key_key RENAME TO event_v3_idempotency_key_key;
ALTER TRIGGER event_is_append_only ON event_v3 RENAME TO event_v3_is_append_only;
ALTER TRIGGER event_is_never_truncated ON event_v3 RENAME TO event_v3_is_never_truncated;

CREATE TABLE event (
    sequence        BIGINT PRIMARY KEY CHECK (sequence > 0),
    idempotency_key TEXT   NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 128),
    kind            TEXT   NOT NULL,
    effective_date  BIGINT NOT NULL,
    body            BYTEA  NOT NULL,
    hash            BYTEA  NOT NULL CHECK (octet_length(hash) = 32)
);

CREATE TRIGGER event_is_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER event_is_never_truncated BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The projections that keep canonical text, made again with packed bodies (folded afresh after).

DROP TABLE bank_account;
CREATE TABLE bank_account (
    number        TEXT   PRIMARY KEY,
    position      BIGINT NOT NULL,
    currency      TEXT   NOT NULL,
    registered_on BIGINT NOT NULL,
    retired       BIGINT NOT NULL CHECK (retired IN (0, 1)),
    body          BYTEA  NOT NULL
);

DROP TABLE case_record;
CREATE TABLE case_record (
    case_number TEXT   PRIMARY KEY,
    sub_account TEXT   NOT NULL UNIQUE,
    handler     TEXT   NOT NULL,
    opened_on   BIGINT NOT NULL,
    body        BYTEA  NOT NULL
);

DROP TABLE receipt;
CREATE TABLE receipt (
    receipt_key    TEXT   PRIMARY KEY,
    sequence       BIGINT NOT NULL,
    bank_account   TEXT   NOT NULL,
    bank_reference TEXT   NOT NULL,
    value_date     BIGINT NOT NULL,
    currency       TEXT   NOT NULL,
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    routing        TEXT   NOT NULL,
    case_number    TEXT,
    reversed       BIGINT NOT NULL CHECK (reversed IN (0, 1)),
    body           BYTEA  NOT NULL
);
CREATE UNIQUE INDEX receipt_by_reference ON receipt (bank_account, bank_reference) WHERE reversed = 0;

DROP TABLE disbursement;
CREATE TABLE disbursement (
    id             TEXT   PRIMARY KEY,
    kind           TEXT   NOT NULL,
    source         TEXT   NOT NULL,
    case_number    TEXT,
    currency       TEXT   NOT NULL,
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    bank_account   TEXT   NOT NULL,
    issued_on      BIGINT NOT NULL,
    issue_sequence BIGINT NOT NULL,
    status         TEXT   NOT NULL,
    finished_on    BIGINT,
    body           BYTEA  NOT NULL
);
CREATE INDEX disbursement_in_transit ON disbursement (issued_on) WHERE status = 'ISSUED';

DROP TABLE deferral;
CREATE TABLE deferral (
    id          TEXT   PRIMARY KEY,
    case_number TEXT   NOT NULL,
    position    BIGINT NOT NULL,
    body        BYTEA  NOT NULL
);
CREATE INDEX deferral_by_case ON deferral (case_number, position);

DROP TABLE deferral_change;
CREATE TABLE deferral_change (
    id         TEXT   NOT NULL,
    sequence   BIGINT NOT NULL,
    changed_on BIGINT NOT NULL,
    body       BYTEA  NOT NULL,
    PRIMARY KEY (id, sequence)
);

DROP TABLE court_rule;
CREATE TABLE court_rule (
    sequence       BIGINT PRIMARY KEY,
    kind           TEXT   NOT NULL CHECK (kind IN ('CALENDAR_YEAR', 'POLICY')),
    effective_date BIGINT NOT NULL,
    body           BYTEA  NOT NULL
);

DROP TABLE staff_change;
CREATE TABLE staff_change (
    sequence       BIGINT NOT NULL,
    position       BIGINT NOT NULL,
    kind           TEXT   NOT NULL CHECK (kind IN ('REGISTERED', 'GRANTED', 'REVOKED')),
    effective_date BIGINT NOT NULL,
    body           BYTEA  NOT NULL,
    PRIMARY KEY (sequence, position)
);
