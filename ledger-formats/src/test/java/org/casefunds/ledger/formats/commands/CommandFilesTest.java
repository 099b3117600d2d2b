package org.casefunds.ledger.formats.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * The court's timeline can be written in a command file: a calendar year with its notice and a
 * policy with every value read back as the same command; a schedule with a bad day is refused
 * naming the field.
 */
class CommandFilesTest {
    private static final Actor FINANCE = Actor.of("fin.li", Role.FINANCE);

    @Test
    void aCalendarYearAndAPolicyReadBackAsTheSameCommands() throws CommandFiles.LineException {
        CalendarYear year = CalendarYear.of(2027, List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 8)),
                List.of(LocalDate.of(2027, 2, 20)), CalendarSource.official(List.of(CalendarSource.Document.of(
                        LocalDate.of(2026, 11, 20), "国办发明电〔2026〕99号", "国务院办公厅关于2027年部分节假日安排的通知"))));
        Command calendar = Command.of("calendar:2027", FINANCE, LocalDate.of(2026, 11, 21),
                new AdoptCalendarYear(year, Optional.empty())).approvedBy(Approval.of("dir.zhou", Role.BUREAU_DIRECTOR));
        Command policy = Command.of("policy", FINANCE, LocalDate.of(2026, 11, 21),
                new AdoptPolicy(Policy.spc2017(), Optional.of("院党组决定"))).approvedBy(Approval.of("leader.wu",
                        Role.COURT_LEADER));
        for (Command command : List.of(calendar, policy)) {
            String line = CommandFiles.write(command);
            assertEquals(command, CommandFiles.parse(line), line);
        }
        assertTrue(!CommandFiles.write(calendar).contains("provisional"), "whether a year is provisional is derived");
    }

    @Test
    void aScheduleWithADayOutsideItsYearIsRefusedNamingTheField() {
        String line = "{\"key\":\"c\",\"date\":\"2026-11-21\",\"actor\":{\"id\":\"fin.li\",\"roles\":[\"FINANCE\"]},"
                + "\"request\":{\"type\":\"AdoptCalendarYear\",\"year\":{\"year\":2027,\"restDays\":[\"2028-01-03\"],"
                + "\"adjustedWorkingDays\":[],\"source\":{\"kind\":\"OFFICIAL\",\"documents\":[{\"title\":\"通知\"}]}}}}";
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(line));
        assertTrue(refused.getMessage().contains("2028-01-03"), refused.getMessage());
    }
}
