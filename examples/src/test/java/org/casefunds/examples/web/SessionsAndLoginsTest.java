package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.formats.logins.LoginsFile;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.staff.StaffRegister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the dashboard's guards hold on their own: a session ends when idle or too old and at logout;
 * failed logins are throttled per person and per address and forgotten after a success or the
 * window; passwords are bcrypt hashes that only their password matches, and an unknown person never
 * matches; the logins file keeps no secret in clear, is its owner's only, and refuses a person twice;
 * what a person sees follows the roles the register gives them on the day.
 *
 * <p>Method: a clock the test moves; a register built from staff changes; a logins file in a
 * temporary folder.
 */
class SessionsAndLoginsTest {
    private static final Instant START = Instant.parse("2026-12-01T01:00:00Z");

    /** A clock the test moves forward. */
    private static final class MovingClock extends Clock {
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aSessionEndsWhenIdleTooOldOrLoggedOut() {
        MovingClock clock = new MovingClock();
        Sessions sessions = new Sessions(clock);
        Sessions.Session session = sessions.start("fin.li");
        assertNotEquals(session.id(), session.csrf());
        assertEquals(43, session.id().length(), "256 random bits in URL-safe Base64");
        clock.advance(Sessions.IDLE.minusMinutes(1));
        assertTrue(sessions.find(session.id()).isPresent(), "used within the idle time");
        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertTrue(sessions.find(session.id()).isEmpty(), "idle too long");
        assertTrue(sessions.find(session.id()).isEmpty(), "and forgotten");

        Sessions.Session busy = sessions.start("fin.li");
        for (Duration used = Duration.ZERO; used.compareTo(Sessions.LONGEST) < 0; used = used.plusMinutes(20)) {
            assertTrue(sessions.find(busy.id()).isPresent(), "in use after " + used);
            clock.advance(Duration.ofMinutes(20));
        }
        assertTrue(sessions.find(busy.id()).isEmpty(), "no session outlives the longest");

        Sessions.Session ended = sessions.start("aud.zheng");
        sessions.end(ended.id());
        assertTrue(sessions.find(ended.id()).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("").isEmpty());
    }

    @Test
    void failedLoginsAreThrottledPerPersonAndPerAddress() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FAILURES_MAX; i++) {
            assertEquals(Optional.empty(), throttle.wait("judge.zhao", "10.0.0.1"));
            throttle.failed("judge.zhao", "10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }
        Duration wait = throttle.wait("judge.zhao", "10.0.0.2").orElseThrow();
        assertTrue(wait.compareTo(LoginThrottle.WINDOW) < 0 && !wait.isNegative(), wait.toString());
        assertEquals(Optional.empty(), throttle.wait("fin.li", "10.0.0.1"), "another person from the same office");
        clock.advance(LoginThrottle.WINDOW);
        assertEquals(Optional.empty(), throttle.wait("judge.zhao", "10.0.0.1"), "the window has passed");

        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES_MAX; i++) {
            throttle.failed("person" + i, "10.0.0.9");
        }
        assertTrue(throttle.wait("someone.else", "10.0.0.9").isPresent(), "guessing across people from one address");

        LoginThrottle fresh = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FAILURES_MAX - 1; i++) {
            fresh.failed("head.sun", "10.0.0.3");
        }
        fresh.succeeded("head.sun");
        fresh.failed("head.sun", "10.0.0.3");
        assertEquals(Optional.empty(), fresh.wait("head.sun", "10.0.0.4"), "a success forgets the person's failures");
    }

    @Test
    void passwordsAreBcryptHashesThatOnlyTheirPasswordMatches() {
        String hash = Passwords.hash("correct horse battery".toCharArray());
        assertTrue(hash.startsWith("$2a$" + Passwords.COST + "$"), hash);
        assertTrue(Passwords.matches("correct horse battery".toCharArray(), Optional.of(hash)));
        assertFalse(Passwords.matches("correct horse batterY".toCharArray(), Optional.of(hash)));
        assertFalse(Passwords.matches("no one has this password".toCharArray(), Optional.empty()),
                "an unknown person matches no password, not even the one checked in their place");
        assertNotEquals(hash, Passwords.hash("correct horse battery".toCharArray()), "salted");
        assertEquals("the password has 5 characters; give at least 10",
                assertThrows(IllegalArgumentException.class, () -> Passwords.hash("short".toCharArray())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash("密码".repeat(20).toCharArray()));
        assertEquals(64, Passwords.sha256(Passwords.newSecret()).length());
        assertTrue(Passwords.sameSecret("abc", "abc"));
        assertFalse(Passwords.sameSecret("abc", null));
    }

    @Test
    void theLoginsFileKeepsNoSecretAndIsItsOwnersOnly(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("court.db.logins");
        assertEquals(LoginsFile.empty(), LoginsFile.read(file), "no file: no login");
        String token = Passwords.newSecret();
        LoginsFile logins = LoginsFile.empty()
                .with(new LoginsFile.Login("fin.li", Optional.of(Passwords.hash("demo-finance-2025".toCharArray())),
                        List.of(new LoginsFile.Token("case-system", Passwords.sha256(token), START))));
        logins.write(file);
        String text = Files.readString(file);
        assertFalse(text.contains("demo-finance-2025"));
        assertFalse(text.contains(token));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(logins, LoginsFile.read(file));
        LoginsFile replaced = logins.with(new LoginsFile.Login("fin.li", Optional.empty(), List.of()));
        assertEquals(1, replaced.logins().size());
        assertThrows(IllegalArgumentException.class, () -> new LoginsFile(List.of(
                new LoginsFile.Login("fin.li", Optional.empty(), List.of()),
                new LoginsFile.Login("fin.li", Optional.empty(), List.of()))));
        Files.writeString(file, "{\"logins\": [{\"person\": \"fin.li\", \"passwrodHash\": \"x\", \"tokens\": []}]}");
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> LoginsFile.read(file));
        assertTrue(unreadable.getMessage().contains("passwrodHash"), unreadable.getMessage());
    }

    @Test
    void whatAPersonSeesFollowsTheRolesTheyHoldThatDay() {
        LocalDate day = LocalDate.of(2025, 1, 2);
        StaffRegister register = StaffRegister.of(List.of(
                new StaffChange.Registered(1, day, "sys.chen", "sys.lin", StaffMember.of("judge.zhao", "赵法官", "A1")),
                new StaffChange.Granted(2, day, "sys.chen", "sys.lin", "judge.zhao", Role.HANDLER, Optional.empty(),
                        day, Optional.of(LocalDate.of(2025, 6, 30))),
                new StaffChange.Registered(3, day, "sys.chen", "sys.lin", StaffMember.of("aud.zheng", "郑审计", "A2")),
                new StaffChange.Granted(4, day, "sys.chen", "sys.lin", "aud.zheng", Role.AUDITOR, Optional.empty(),
                        day, Optional.empty()),
                new StaffChange.Registered(5, day, "sys.chen", "sys.lin", StaffMember.of("sys.chen", "陈管理员", "A3")),
                new StaffChange.Granted(6, day, "sys.chen", "sys.lin", "sys.chen", Role.STAFF_ADMINISTRATOR,
                        Optional.empty(), day, Optional.empty())));
        Viewer handler = Viewer.of(register, "JUDGE.ZHAO", LocalDate.of(2025, 3, 1)).orElseThrow();
        assertEquals("judge.zhao", handler.person());
        assertTrue(handler.maySee("judge.zhao"));
        assertFalse(handler.maySee("judge.qian"));
        assertFalse(handler.seesWholeCourt());
        assertFalse(handler.seesStaff());
        assertTrue(Viewer.of(register, "judge.zhao", LocalDate.of(2025, 7, 1)).isEmpty(), "the grant ended");
        Viewer auditor = Viewer.of(register, "aud.zheng", LocalDate.of(2026, 12, 1)).orElseThrow();
        assertTrue(auditor.seesWholeCourt() && auditor.auditor() && auditor.maySee("judge.qian"));
        Viewer staffAdministrator = Viewer.of(register, "sys.chen", day).orElseThrow();
        assertTrue(staffAdministrator.seesStaff());
        assertFalse(staffAdministrator.seesWholeCourt());
        assertTrue(Viewer.of(register, "nobody", day).isEmpty());
    }
}
