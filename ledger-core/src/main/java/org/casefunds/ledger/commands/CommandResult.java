package org.casefunds.ledger.commands;

import java.util.Objects;
import org.casefunds.ledger.journal.Event;

/**
 * What a command produced: the event it appended, or, when the same command was sent again under
 * its key, the event the first sending appended.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param event the event, never null
 * @param repeated whether this was a repetition that appended nothing
 */
public record CommandResult(Event event, boolean repeated) {
    /** Checks the event is there. */
    public CommandResult {
        Objects.requireNonNull(event, "event");
    }
}
