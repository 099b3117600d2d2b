-- Casefunds Ledger, schema version 4 (PostgreSQL): the same tables and columns as the SQLite script.
-- Canonical texts are kept packed (BYTEA): a packing byte, then the UTF-8 text compressed by DEFLATE
-- with a preset dictionary of the format's field names (PackedText). An event's row keeps its text
-- with the lines sequence, id, requestDigest, effectiveDate and previousHash left empty: its columns
-- hold the first four (the id as 16 bytes and the request digest as 32, whose hex packs badly) and
-- the hash of the row before the last (StoredEvent). The hash is its 32 bytes. The idempotency key
-- is in the text only: the row keeps the first 8 bytes of its SHA-256 (key_digest, unique) to find
-- it by. The kind is a code (event_kind).
-- Columns that no query read are gone (the text holds them): the event's recorded_at, the posting's
-- effective_date (its event's), and the copies of body fields in case_record, receipt and
-- disbursement; so is the index case_change_by_day, which no query used.
--
-- This script changes the tables; the Java migration 4.1 that follows in the same run (PackEvents)
-- moves each event from event_v3 into the new event table, drops event_v3 and sets the schema
-- version to 4. No row is updated: the events are inserted into the new table. The projections
-- are emptied here and folded afresh from the journal when the ledger is opened after the upgrade;
-- the owner grants the writer role its rights on the new tables again (SqlLedger.postgresMigrate).

-- The old rows are only read and then dropped; their triggers go first (they would refuse nothing
-- here, and the new table takes their names).
DROP TRIGGER IF EXISTS event_is_append_only ON event;
DROP TRIGGER IF EXISTS event_is_never_truncated ON event;
ALTER TABLE event RENAME TO event_v3;
ALTER INDEX event_pkey RENAME TO event_v3_pkey;
ALTER INDEX event_idempotency_key_key RENAME TO event_v3_idempotency_key_key;

CREATE TABLE event (
    sequence        BIGINT PRIMARY KEY CHECK (sequence > 0),
    key_digest      BIGINT   NOT NULL UNIQUE,
    kind            SMALLINT NOT NULL,
    effective_date  BIGINT   NOT NULL,
    id              BYTEA    CHECK (octet_length(id) = 16),
    request_digest  BYTEA    CHECK (octet_length(request_digest) = 32),
    body            BYTEA    NOT NULL,
    hash            BYTEA    NOT NULL CHECK (octet_length(hash) = 32)
);

-- The kinds of event by their code in event.kind, for reading the table with SQL: a code is never
-- changed or given to another kind (StoredEvent lists the same).
CREATE TABLE event_kind (
    code BIGINT PRIMARY KEY,
    name TEXT   NOT NULL UNIQUE
);
INSERT INTO event_kind (code, name) VALUES
    (1, 'LEDGER_OPENED'),
    (2, 'BANK_ACCOUNT_REGISTERED'),
    (3, 'BANK_ACCOUNT_RETIRED'),
    (4, 'CASE_OPENED'),
    (5, 'CASE_HANDED_OVER'),
    (6, 'PAYEE_CONFIRMED'),
    (7, 'RECEIPT_RECORDED'),
    (8, 'UNIDENTIFIED_CLAIMED'),
    (9, 'PAYOUT_NOTICE_ISSUED'),
    (10, 'SURPLUS_REFUND_ISSUED'),
    (11, 'DEPOSIT_ISSUED'),
    (12, 'UNIDENTIFIED_REFUND_ISSUED'),
    (13, 'DISTRIBUTION_ISSUED'),
    (14, 'DISBURSEMENT_SETTLED'),
    (15, 'DISBURSEMENT_RETURNED'),
    (16, 'EXECUTION_FEE_CHARGED'),
    (17, 'FEES_SWEPT'),
    (18, 'CASE_FUNDS_TRANSFERRED'),
    (19, 'EVENT_REVERSED'),
    (20, 'PERIOD_CLOSED'),
    (21, 'DEFERRAL_GRANTED'),
    (22, 'DEFERRAL_RENEWED'),
    (23, 'DEFERRAL_LIFTED'),
    (24, 'CALENDAR_YEAR_ADOPTED'),
    (25, 'POLICY_ADOPTED'),
    (26, 'STAFF_REGISTERED'),
    (27, 'ROLE_GRANTED'),
    (28, 'ROLE_REVOKED');
CREATE TRIGGER event_kind_is_fixed BEFORE UPDATE OR DELETE ON event_kind
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER event_kind_is_never_truncated BEFORE TRUNCATE ON event_kind
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

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
    body        BYTEA  NOT NULL
);

DROP TABLE receipt;
CREATE TABLE receipt (
    receipt_key    TEXT   PRIMARY KEY,
    sequence       BIGINT NOT NULL,
    bank_account   TEXT   NOT NULL,
    bank_reference TEXT   NOT NULL,
    value_date     BIGINT NOT NULL,
    reversed       BIGINT NOT NULL CHECK (reversed IN (0, 1)),
    body           BYTEA  NOT NULL
);
CREATE UNIQUE INDEX receipt_by_reference ON receipt (bank_account, bank_reference) WHERE reversed = 0;

DROP TABLE disbursement;
CREATE TABLE disbursement (
    id             TEXT   PRIMARY KEY,
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    issued_on      BIGINT NOT NULL,
    status         TEXT   NOT NULL,
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

-- The journal's postings without the effective date, which is their event's.
ALTER TABLE posting DROP COLUMN effective_date;

DROP INDEX case_change_by_day;
