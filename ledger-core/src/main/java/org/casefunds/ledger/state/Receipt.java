package org.casefunds.ledger.state;

import java.time.LocalDate;
import org.casefunds.ledger.events.ReceiptRecorded;

/**
 * A receipt on a master account as the journal knows it.
 *
 * @param key the idempotency key of the event that recorded it
 * @param sequence that event's sequence number
 * @param valueDate the bank value date
 * @param details what the event recorded
 * @param reversed whether it was reversed
 */
public record Receipt(String key, long sequence, LocalDate valueDate, ReceiptRecorded details, boolean reversed) {

    Receipt reverse() {
        return new Receipt(key, sequence, valueDate, details, true);
    }
}
