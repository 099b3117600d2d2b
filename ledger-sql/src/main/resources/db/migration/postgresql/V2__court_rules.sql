-- Casefunds Ledger, schema version 2 (PostgreSQL): the court's timeline.
-- Each calendar year and each policy the court adopted (CalendarYearAdopted, PolicyAdopted events),
-- by the event's sequence, with its effective date: a projection like the others, rebuildable from
-- the journal. The body is the canonical text of the adoption (casefunds-court-rule v1).

CREATE TABLE court_rule (
    sequence       BIGINT PRIMARY KEY,
    kind           TEXT   NOT NULL CHECK (kind IN ('CALENDAR_YEAR', 'POLICY')),
    effective_date BIGINT NOT NULL,
    body           TEXT   NOT NULL
);

UPDATE ledger_info SET schema_version = 2 WHERE id = 1;
