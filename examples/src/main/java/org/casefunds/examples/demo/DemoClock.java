package org.casefunds.examples.demo;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The clock of a simulated court: the ledger records each event at the morning of the simulated
 * day it is entered, one second after the one before, so that the same seed gives the same events
 * to the byte (recorded-at instants are in the hash chain). The simulated day is also the ledger's
 * "today", after which no money may be dated: the court dates what it enters on or before it (cash
 * a few working days back), whatever the year simulated and whatever the real date.
 *
 * <p>This class is not thread-safe: one simulation uses it.
 */
final class DemoClock implements InstantSource {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final LocalTime OFFICE_OPENS = LocalTime.of(8, 30);

    private Instant next;

    DemoClock(LocalDate firstDay) {
        enter(firstDay);
    }

    /** Events from now on are recorded on {@code day}, from the time the office opens. */
    void enter(LocalDate day) {
        Instant opens = day.atTime(OFFICE_OPENS).atZone(BEIJING).toInstant();
        next = next == null || opens.isAfter(next) ? opens : next;
    }

    @Override
    public Instant instant() {
        Instant now = next;
        next = next.plusSeconds(1);
        return now;
    }
}
