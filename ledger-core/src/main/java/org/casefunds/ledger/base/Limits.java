package org.casefunds.ledger.base;

/**
 * Every limit the ledger puts on its input, in one place: each name says what it limits and ends
 * with its unit and {@code MAX} or {@code MIN}, and each value is defined once. The rule that
 * checks a limit names the field and the limit in its refusal.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Limits {
    /** The largest amount one command may move: 10^15 minor units (10 trillion yuan), far above any case. */
    public static final long AMOUNT_MINOR_MAX = 1_000_000_000_000_000L;

    /** The most claims one distribution may hold. */
    public static final int DISTRIBUTION_CLAIMS_MAX = 1000;

    /** The longest creditor name, in characters. */
    public static final int CREDITOR_NAME_LENGTH_MAX = 200;

    /** The longest name of an account holder or a bank, in characters. */
    public static final int ACCOUNT_HOLDER_LENGTH_MAX = 200;

    /** The longest bank account or sub-account number, in characters. */
    public static final int ACCOUNT_NUMBER_LENGTH_MAX = 40;

    /** The longest text a case number is parsed from, in characters; longer text is refused. */
    public static final int CASE_NUMBER_LENGTH_MAX = 64;

    /** The earliest year of a case number, either form. */
    public static final int CASE_YEAR_MIN = 1980;

    /** The latest year of a case number, either form. */
    public static final int CASE_YEAR_MAX = 2100;

    /** The most digits of a sequence number, leading zeros not counted. */
    public static final int CASE_SEQUENCE_DIGITS_MAX = 7;

    /** The longest party name, in characters. */
    public static final int PARTY_NAME_LENGTH_MAX = 200;

    /** The most lines of each category a report may show. */
    public static final int RECONCILIATION_DETAIL_LINES_MAX = 100_000;

    /** The most lines a statement may hold. */
    public static final int STATEMENT_LINES_MAX = 20_000_000;

    /** The longest id of a person (an actor or an approver), in characters. */
    public static final int PERSON_ID_LENGTH_MAX = 64;

    /** The longest period a rule may have, in days. */
    public static final int PERIOD_DAYS_MAX = 366;

    /** The longest deferral any policy may allow, in months. */
    public static final int DEFERRAL_MONTHS_MAX = 24;

    /** The earliest year a calendar may hold: well before any case this ledger will see. */
    public static final int CALENDAR_YEAR_MIN = 1900;

    /** The latest year a calendar may hold: a limit on input, far beyond any published data. */
    public static final int CALENDAR_YEAR_MAX = 2999;

    /** The most notices one year may cite. */
    public static final int CALENDAR_DOCUMENTS_MAX = 20;

    /** The longest document number of a calendar notice, in characters. */
    public static final int DOCUMENT_NUMBER_LENGTH_MAX = 64;

    /** The longest title of a calendar notice, in characters. */
    public static final int DOCUMENT_TITLE_LENGTH_MAX = 200;

    /** The longest jurisdiction name, in characters. */
    public static final int JURISDICTION_LENGTH_MAX = 32;

    /** The most years one calendar may hold: a limit on input, and on memory (4 bytes a day). */
    public static final int CALENDAR_YEARS_MAX = 200;

    /** The longest idempotency key, in characters. */
    public static final int IDEMPOTENCY_KEY_LENGTH_MAX = 128;

    /** The most approvals one command may carry. */
    public static final int APPROVALS_MAX = 8;

    /** The most metadata entries of one command. */
    public static final int METADATA_ENTRIES_MAX = 32;

    /** The longest metadata value, in characters. */
    public static final int METADATA_VALUE_LENGTH_MAX = 500;

    /** The earliest year an effective date may have. */
    public static final int EFFECTIVE_YEAR_MIN = 1990;

    /** The latest year an effective date may have. */
    public static final int EFFECTIVE_YEAR_MAX = 2199;

    /**
     * How many days after the day it is recorded (the processor's clock, in Beijing) a command that
     * moves money may take effect: a bank value date is never in the future. One day of tolerance,
     * so that a clock a few minutes behind at midnight, or a receipt entered in the evening that the
     * bank already dated the next morning, is not refused; a date further ahead is a mistyped year
     * or money that has not moved yet. Commands that move no money (a policy adopted from a later
     * date, a role granted from one) may be dated any day.
     */
    public static final int MONEY_DATE_AFTER_TODAY_DAYS_MAX = 1;

    /** The longest free text (reasons, notes, explanations, memos), in characters. */
    public static final int FREE_TEXT_LENGTH_MAX = 500;

    /** The longest bank reference (serial number), in characters. */
    public static final int BANK_REFERENCE_LENGTH_MAX = 64;

    /** The most parties or payees of one case. */
    public static final int PARTIES_MAX = 100;

    /** The longest court code, in characters. */
    public static final int COURT_CODE_LENGTH_MAX = 16;

    /** The most hashes of a Merkle proof: more than any tree of at most 2^63 leaves needs. */
    public static final int MERKLE_PROOF_HASHES_MAX = 128;

    /**
     * The longest line of a command file, in characters (1 Mi): one command, and the largest a
     * ledger takes, a distribution among the most creditors ({@link #DISTRIBUTION_CLAIMS_MAX}) with
     * the longest names and accounts, is under 800,000. A longer line is refused, by its number,
     * before it is parsed, and is never held in memory whole.
     */
    public static final int COMMAND_LINE_LENGTH_MAX = 1 << 20;

    /** The largest policy or calendar file read, in bytes: a calendar of the most years is under 1 MiB. */
    public static final long CONFIG_FILE_BYTES_MAX = 16L << 20;

    /** The largest digest file read, in bytes: the event hashes of about 15 million events. */
    public static final long DIGEST_FILE_BYTES_MAX = 1L << 30;

    /** The largest inclusion proof file read, in bytes: an event's text and a few dozen hashes. */
    public static final long PROOF_FILE_BYTES_MAX = 16L << 20;

    /** The largest key file read, in bytes: a PEM key is a few hundred. */
    public static final long KEY_FILE_BYTES_MAX = 64L << 10;

    private Limits() {
    }
}
