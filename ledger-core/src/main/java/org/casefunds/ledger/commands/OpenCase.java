package org.casefunds.ledger.commands;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.cases.PartyRole;

/**
 * Opens a case's fund record (一案一账号).
 *
 * @param caseNumber the case
 * @param subAccountNumber its virtual sub-account number under the master account
 * @param handler the handler's user id
 * @param parties the parties: at least one creditor
 * @param payees the payee accounts confirmed in writing at filing; may be empty. Naming any needs
 *     a division head's approval, as confirming a payee later does
 * @param division the division the case belongs to; a role granted for one division covers only
 *     its cases. Empty when the court does not divide its roles
 */
public record OpenCase(
        CaseNumber caseNumber, String subAccountNumber, String handler, List<Party> parties,
        List<BankDetails> payees, Optional<String> division) implements Request {

    /** Checks the values. */
    public OpenCase {
        Checks.required(caseNumber, "caseNumber");
        subAccountNumber = Checks.requiredText(subAccountNumber, "subAccountNumber", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        Checks.argument(subAccountNumber.matches("[0-9A-Za-z-]+"), "subAccountNumber", subAccountNumber,
                "may hold only digits, letters and '-'");
        handler = Checks.requiredText(handler, "handler", Limits.PERSON_ID_LENGTH_MAX);
        Checks.required(parties, "parties");
        Checks.required(payees, "payees");
        Checks.size(parties, "parties", Limits.PARTIES_MAX);
        Checks.size(payees, "payees", Limits.PARTIES_MAX);
        parties = List.copyOf(parties);
        payees = List.copyOf(payees);
        division = Optional.ofNullable(Checks.optionalText(Checks.required(division, "division").orElse(null),
                "division", Limits.PARTY_NAME_LENGTH_MAX));
        if (parties.stream().noneMatch(party -> party.role() == PartyRole.CREDITOR)) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "parties", parties.size() + " parties",
                    "a case needs at least one creditor (申请执行人)");
        }
    }

    /** A case that belongs to no division in particular. */
    public OpenCase(CaseNumber caseNumber, String subAccountNumber, String handler, List<Party> parties,
            List<BankDetails> payees) {
        this(caseNumber, subAccountNumber, handler, parties, payees, Optional.empty());
    }
}
