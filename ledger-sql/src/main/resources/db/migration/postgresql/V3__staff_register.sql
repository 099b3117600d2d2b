-- Casefunds Ledger, schema version 3 (PostgreSQL): the staff register.
-- Each change of the register (a person registered, a role granted, a role revoked) as the events
-- LedgerOpened, StaffRegistered, RoleGranted and RoleRevoked made it, in journal order: a projection
-- like the others, rebuildable from the journal. An opening makes several changes (its first
-- administrators), hence the position. The body is the change's canonical text (casefunds-staff-change v1).

CREATE TABLE staff_change (
    sequence       BIGINT NOT NULL,
    position       BIGINT NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('REGISTERED', 'GRANTED', 'REVOKED')),
    effective_date BIGINT NOT NULL,
    body           TEXT    NOT NULL,
    PRIMARY KEY (sequence, position)
);

UPDATE ledger_info SET schema_version = 3 WHERE id = 1;
