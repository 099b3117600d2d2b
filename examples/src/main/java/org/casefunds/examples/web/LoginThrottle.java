package org.casefunds.examples.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #FAILURES_MAX} failed logins of one person within {@link
 * #WINDOW}, or {@link #ADDRESS_FAILURES_MAX} from one address (an office behind one proxy shares it),
 * further attempts are refused until the oldest failure leaves the window, whatever the password.
 */
public final class LoginThrottle {
    /** Failed logins of one person allowed within the window. */
    public static final int FAILURES_MAX = 5;
    /** Failed logins from one address allowed within the window. */
    public static final int ADDRESS_FAILURES_MAX = 20;
    /** The window failures are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A throttle that reads the time from {@code clock}. */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long until {@code person} may try again from {@code address}; empty when they may now. */
    public Optional<Duration> wait(String person, String address) {
        Instant now = clock.instant();
        Optional<Duration> byPerson = waitFor("person:" + person, now, FAILURES_MAX);
        Optional<Duration> byAddress = waitFor("address:" + address, now, ADDRESS_FAILURES_MAX);
        if (byPerson.isPresent() && byAddress.isPresent()) {
            return Optional.of(byPerson.get().compareTo(byAddress.get()) > 0 ? byPerson.get() : byAddress.get());
        }
        return byPerson.isPresent() ? byPerson : byAddress;
    }

    private Optional<Duration> waitFor(String key, Instant now, int allowed) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() < allowed) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
    }

    /** Counts a failed login of {@code person} from {@code address}. */
    public void failed(String person, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"person:" + person, "address:" + address}) {
            Deque<Instant> times = failures.computeIfAbsent(key, any -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    /** Forgets the person's failures after they logged in. */
    public void succeeded(String person) {
        failures.remove("person:" + person);
    }
}
