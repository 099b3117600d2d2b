package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;

/**
 * A case's fund record is opened: its sub-account (一案一账号), its handler, its parties and the
 * payee bank accounts confirmed in writing at filing.
 *
 * @param caseNumber the case, canonical
 * @param subAccountNumber the virtual sub-account under the master account
 * @param handler the handler's user id (承办人)
 * @param parties the parties, at least one creditor
 * @param payees the confirmed payee accounts, possibly none yet
 * @param division the division the case belongs to (for example {@code 执行一庭}), which a role
 *     granted for one division needs; empty when the court does not say
 */
public record CaseOpened(
        CaseNumber caseNumber, String subAccountNumber, String handler, List<Party> parties,
        List<BankDetails> payees, Optional<String> division) implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
