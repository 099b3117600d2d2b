package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.cases.PartyRole;

/**
 * A case's fund record: sub-account, current handler, parties, confirmed payees.
 *
 * @param caseNumber the case
 * @param subAccountNumber its sub-account under the master account
 * @param handler the current handler's user id
 * @param parties the parties
 * @param payees the confirmed payee accounts
 * @param openedOn the effective date the record was opened
 * @param division the division the case belongs to, if the court said
 */
public record CaseRecord(
        CaseNumber caseNumber, String subAccountNumber, String handler, List<Party> parties,
        List<BankDetails> payees, LocalDate openedOn, Optional<String> division) {

    /** Copies the lists. */
    public CaseRecord {
        parties = List.copyOf(parties);
        payees = List.copyOf(payees);
    }

    /** Whether {@code payee} was confirmed for this case (same holder and account number). */
    public boolean hasConfirmedPayee(BankDetails payee) {
        return payees.stream().anyMatch(confirmed -> confirmed.accountNumber().equals(payee.accountNumber())
                && confirmed.holder().equals(payee.holder()));
    }

    /** The party named {@code name}, if any. */
    public Optional<Party> party(String name) {
        return parties.stream().filter(party -> party.name().equals(name)).findFirst();
    }

    /** Whether {@code name} is a party in role {@code role}. */
    public boolean hasParty(String name, PartyRole role) {
        return parties.stream().anyMatch(party -> party.name().equals(name) && party.role() == role);
    }

    CaseRecord withHandler(String newHandler) {
        return new CaseRecord(caseNumber, subAccountNumber, newHandler, parties, payees, openedOn, division);
    }

    CaseRecord withPayee(BankDetails payee) {
        List<BankDetails> more = new ArrayList<>(payees);
        more.add(payee);
        return new CaseRecord(caseNumber, subAccountNumber, handler, parties, more, openedOn, division);
    }
}
