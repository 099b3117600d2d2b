package org.casefunds.ledger.base;

/**
 * Every reason the ledger refuses a command or a read, one constant each, so that callers can
 * branch on the reason and tests can assert it. The exception class says the family of the
 * problem (bad input, not found, ...); the code says which problem exactly.
 */
public enum ErrorCode {
    // Bad input: the value itself is wrong, whatever the state of the ledger.
    /** A required value is missing. */
    MISSING_VALUE,
    /** A value is malformed or out of range. */
    INVALID_VALUE,
    /** An amount is zero, negative, or has more decimals than its currency. */
    INVALID_AMOUNT,
    /** Amounts in one command are in different currencies, or in a currency the account does not hold. */
    CURRENCY_MISMATCH,
    /** A string is not a case number (案号). */
    INVALID_CASE_NUMBER,
    /** A date is outside what the ledger, its calendar or its policy allows. */
    INVALID_DATE,
    /** A value exceeds one of the ledger's limits (list length, text length). */
    LIMIT_EXCEEDED,

    // Not found: the command names something the ledger does not hold.
    UNKNOWN_CASE,
    UNKNOWN_BANK_ACCOUNT,
    UNKNOWN_EVENT,
    UNKNOWN_RECEIPT,
    UNKNOWN_DISBURSEMENT,
    UNKNOWN_DEFERRAL,
    /** The person is not in the staff register. */
    UNKNOWN_PERSON,

    // Refused by the state of the ledger.
    /** The money is not there: the command would take an account below zero. */
    INSUFFICIENT_FUNDS,
    /** Something with this identity already exists (case number, sub-account, bank reference). */
    ALREADY_EXISTS,
    /** A disbursement (payout notice, refund, deposit) was already settled, returned or cancelled. */
    ALREADY_FINISHED,
    /** The event was already reversed. */
    ALREADY_REVERSED,
    /** The event cannot be reversed (its kind, or later events depend on it). */
    NOT_REVERSIBLE,
    /** The date is on or before the closed period. */
    PERIOD_CLOSED,
    /** The date is before something the command depends on (the notice it settles, the case's opening). */
    OUT_OF_ORDER,
    /** The command does not fit the current state in some other way (a retired account, a lifted deferral). */
    INVALID_STATE,

    // Refused by who is asking.
    /** The actor's roles do not allow this command. */
    ROLE_NOT_PERMITTED,
    /** The command lacks an approval that the policy requires. */
    APPROVAL_MISSING,
    /** The requester tried to approve their own request (four eyes). */
    SELF_APPROVAL,
    /** The actor is not the handler of the case. */
    NOT_CASE_HANDLER,
    /** The actor or an approver does not hold the role in the staff register on the command's date. */
    ROLE_NOT_HELD,
    /** One person would hold two duties the rules keep apart (the handler settling their own payout). */
    DUTIES_NOT_SEPARATED,

    /** The idempotency key was already used by a different command. */
    IDEMPOTENCY_CONFLICT,

    // Integrity and storage.
    /** A stored event does not verify, or an invariant that protects money does not hold. */
    INTEGRITY_VIOLATION,
    /** The store failed in a way none of the codes below names. */
    STORAGE_FAILURE,
    /** Another writer holds the database longer than the busy timeout. */
    STORAGE_LOCKED,
    /** The database file or its folder cannot be written. */
    STORAGE_READ_ONLY,
    /**
     * The database role may not do what the ledger needs (create or migrate a court's schema, read or
     * write one of its tables); the schema's owner grants it.
     */
    STORAGE_NOT_PERMITTED,
    /** The disk (or the database's size limit) is full. */
    STORAGE_FULL,
    /** The database file is damaged. */
    STORAGE_CORRUPT,
    /** The file or schema is not a Casefunds ledger. */
    NOT_A_LEDGER,
    /** The database was written by a newer version of the library. */
    SCHEMA_TOO_NEW
}
