package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.staff.StaffMember;

/**
 * The first event of every journal: which court it belongs to. One journal, one court.
 *
 * @param courtCode the court's code as in its case numbers, e.g. {@code 京02}
 * @param courtName the court's full name
 * @param firstAdministrators the court's first staff administrators, who register the other staff
 *     and grant their roles; empty only in a journal opened before the staff register existed
 */
public record LedgerOpened(String courtCode, String courtName, Optional<List<StaffMember>> firstAdministrators)
        implements EventPayload {
}
