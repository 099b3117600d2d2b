package org.casefunds.ledger;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;

/**
 * The outcome of a batch: the result of every command when all were applied, or the refusal that
 * stopped the batch, in which case nothing was applied.
 *
 * @param results one result per command, in order; empty when refused
 * @param refusal the refusal, when the batch was refused
 */
public record BatchResult(List<CommandResult> results, Optional<Refusal> refusal) {

    /**
     * Why a batch was refused.
     *
     * @param index the position of the refused command, from 0
     * @param command the refused command
     * @param reason the refusal
     */
    public record Refusal(int index, Command command, LedgerException reason) {
    }

    /** Whether every command was applied. */
    public boolean applied() {
        return refusal.isEmpty();
    }
}
