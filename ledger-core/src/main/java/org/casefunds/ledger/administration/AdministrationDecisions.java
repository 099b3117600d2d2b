package org.casefunds.ledger.administration;

import java.util.Optional;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.ClosePeriod;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.commands.RetireBankAccount;
import org.casefunds.ledger.events.BankAccountRegistered;
import org.casefunds.ledger.events.BankAccountRetired;
import org.casefunds.ledger.events.LedgerOpened;
import org.casefunds.ledger.events.PeriodClosed;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.BankAccount;

/** Opening the ledger with its first staff administrators, its master accounts, and closing periods. */
public final class AdministrationDecisions {
    private AdministrationDecisions() {
    }

    public static void openLedger(Context context, OpenLedger request) {
        context.view().courtCode().ifPresent(code -> {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "courtCode", request.courtCode(),
                    "this ledger is already open for court " + code + "; one journal holds one court");
        });
        String actor = context.command().actor().id();
        if (request.administrators().stream().noneMatch(member -> PersonIds.same(member.personId(), actor))) {
            throw new PermissionDeniedException(ErrorCode.ROLE_NOT_HELD, "actor", actor,
                    "is not one of the first administrators the opening names; one of them opens the ledger");
        }
        context.draft().payload(new LedgerOpened(request.courtCode(), request.courtName(),
                Optional.of(request.administrators())));
    }

    public static void registerBankAccount(Context context, RegisterBankAccount request) {
        if (context.view().bankAccount(request.accountNumber()).isPresent()) {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "accountNumber", request.accountNumber(),
                    "is already a master account of this ledger");
        }
        context.draft().payload(new BankAccountRegistered(request.accountNumber(), request.currency(),
                request.bank(), request.accountName()));
    }

    public static void retireBankAccount(Context context, RetireBankAccount request) {
        BankAccount account = context.requireBankAccount(request.accountNumber(), "accountNumber");
        if (account.retired()) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "accountNumber", request.accountNumber(),
                    "is already retired");
        }
        context.draft().payload(new BankAccountRetired(request.accountNumber(), request.reason()));
    }

    public static void closePeriod(Context context, ClosePeriod request) {
        context.view().closedThrough().ifPresent(closed -> {
            if (!request.closedThrough().isAfter(closed)) {
                throw new StateConflictException(ErrorCode.PERIOD_CLOSED, "closedThrough", request.closedThrough(),
                        "the books are already closed through " + closed + "; close a later date");
            }
        });
        if (request.closedThrough().isAfter(context.date())) {
            throw new StateConflictException(ErrorCode.INVALID_DATE, "closedThrough", request.closedThrough(),
                    "is after the command's effective date " + context.date() + "; a period closes after it ends");
        }
        context.draft().payload(new PeriodClosed(request.closedThrough()));
    }
}
