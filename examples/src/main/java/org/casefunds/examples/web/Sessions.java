package org.casefunds.examples.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logged-in sessions of the dashboard, kept in memory: a session id (256 random bits, in an
 * HttpOnly, SameSite=Strict cookie) names the person and the form token (CSRF) of their session. A
 * session ends after {@link #IDLE} without a request, after {@link #LONGEST} in all, or at logout; a
 * restart of the server ends them all.
 */
public final class Sessions {
    /** A session unused this long has expired. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** No session lasts longer than this. */
    public static final Duration LONGEST = Duration.ofHours(10);

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * A logged-in session.
     *
     * @param id the session id, the cookie's value
     * @param person who logged in
     * @param csrf the token every form of the session carries
     * @param started when they logged in
     * @param lastSeen their last request
     */
    public record Session(String id, String person, String csrf, Instant started, Instant lastSeen) {
    }

    /** Sessions that read the time from {@code clock}. */
    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code person}. */
    public Session start(String person) {
        Instant now = clock.instant();
        Session session = new Session(Passwords.newSecret(), person, Passwords.newSecret(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of {@code id}, its last request now; empty when unknown or expired (then forgotten). */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.lastSeen().plus(IDLE)) || !now.isBefore(session.started().plus(LONGEST))) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session seen = new Session(session.id(), session.person(), session.csrf(), session.started(), now);
        sessions.put(id, seen);
        return Optional.of(seen);
    }

    /** Ends the session {@code id}. */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }
}
