package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: on the demonstration court, authority comes from the staff register, a signed digest pins
 * the journal against a consistent rewrite, and a sloppy amount never reaches the journal.
 *
 * <p>Method: the packaged jar builds a small demo court; each refusal is checked to leave the
 * journal's head (its sequence and hash, from {@code digest --json}) exactly as it was.
 */
class TrustIT {
    @TempDir
    Path folder;

    private static JsonNode head(Path db) throws IOException {
        return Json.MAPPER.readTree(CliProcess.run("digest", "--db", db.toString(), "--json").expect(0).out());
    }

    private Path write(String name, String line) throws IOException {
        return CliProcess.write(folder, name, line);
    }

    @Test
    void theDemoCourtRefusesAnActorWithoutTheRoleAndASloppyAmountAndItsDigestCatchesARewrite() throws Exception {
        Path db = folder.resolve("court.db");
        CliProcess.run("demo", "--db", db.toString(), "--cases", "60", "--seed", "3").expect(0);
        JsonNode before = head(db);

        // A clerk nobody registered records a receipt: refused, naming the person, the role and the date.
        Path impostor = write("impostor.jsonl", "{\"key\":\"bank:x:1\",\"date\":\"2025-12-30\",\"actor\":{\"id\":"
                + "\"clerk.x\",\"roles\":[\"FUND_ADMINISTRATOR\"]},\"request\":{\"type\":\"RecordReceipt\","
                + "\"bankAccount\":\"110060001\",\"bankReference\":\"X1\",\"amount\":{\"amount\":\"100.00\","
                + "\"currency\":\"CNY\"},\"payer\":{\"name\":\"某人\"},\"source\":\"OTHER\"}}");
        CliProcess.run("apply", "--db", db.toString(), impostor.toString()).expect(2)
                .printed("line 1 (actor): actor 'clerk.x'").printed("is not in the staff register");
        // A registered handler claiming finance's role: refused with the role and the date.
        Path handlerAsFinance = write("handler.jsonl", "{\"key\":\"sweep:x\",\"date\":\"2025-12-30\",\"actor\":{\"id\":"
                + "\"judge.zhao\",\"roles\":[\"FINANCE\"]},\"request\":{\"type\":\"SweepFees\",\"amount\":{\"amount\":"
                + "\"1.00\",\"currency\":\"CNY\"},\"bankAccount\":\"110060001\",\"bankReference\":\"FEE-X\"}}");
        CliProcess.run("apply", "--db", db.toString(), handlerAsFinance.toString()).expect(2)
                .printed("actor 'judge.zhao'").printed("does not hold FINANCE on 2025-12-30");
        // "1e5" for an amount: refused naming the line and the field.
        Path sloppy = write("sloppy.jsonl", "{\"key\":\"bank:x:2\",\"date\":\"2025-12-30\",\"actor\":{\"id\":"
                + "\"adm.wang\",\"roles\":[\"FUND_ADMINISTRATOR\"]},\"request\":{\"type\":\"RecordReceipt\","
                + "\"bankAccount\":\"110060001\",\"bankReference\":\"X2\",\"amount\":{\"amount\":\"1e5\","
                + "\"currency\":\"CNY\"},\"payer\":{\"name\":\"某人\"},\"source\":\"OTHER\"}}");
        CliProcess.run("apply", "--db", db.toString(), sloppy.toString()).expect(2)
                .printed("line 1 (request.amount): amount '1e5': is in exponent notation");
        JsonNode after = head(db);
        assertEquals(before.get("sequence").asLong(), after.get("sequence").asLong(), "nothing appended");
        assertEquals(before.get("headHash").asText(), after.get("headHash").asText(), "the journal unchanged");

        // The auditor signs a digest; someone with the file rewrites one event consistently.
        Path privateKey = folder.resolve("signer.pem");
        Path publicKey = folder.resolve("signer.pub.pem");
        CliProcess.run("keygen", "--out-private", privateKey.toString(), "--out-public", publicKey.toString())
                .expect(0);
        Path digest = folder.resolve("digest.json");
        CliProcess.run("digest", "--db", db.toString(), "--sign", privateKey.toString(), "--out", digest.toString())
                .expect(0);
        long rewritten = DigestCommandsTest.rewriteApprover(db, "staff:fin.li", "sys.lin", "SYS.LIN");
        CliProcess.run("verify", "--db", db.toString(), "--digest", digest.toString(), "--key", publicKey.toString())
                .expect(1).printed("event " + rewritten + " is not the event the digest covered");
        CliProcess.run("report", "staff", "--db", db.toString(), "--as-of", "2025-12-31", "--lang", "en")
                .expect(0)
                .printed("sys.chen").printed("granted").printed("head.sun");
    }

    @Test
    void aTableChangedWithSqlAloneStopsEveryCommandUntilTheTablesAreRebuiltFromTheJournal() throws Exception {
        Path db = folder.resolve("court.db");
        CliProcess.run("demo", "--db", db.toString(), "--cases", "60", "--seed", "3").expect(0);
        // The old master account, retired in April, made active again: no trigger dropped, no hash touched.
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE bank_account SET retired = 0 WHERE retired = 1"));
        }
        JsonNode before = head(db);
        Path receipt = write("receipt.jsonl", "{\"key\":\"bank:y:1\",\"date\":\"2025-12-30\",\"actor\":{\"id\":"
                + "\"adm.wang\",\"roles\":[\"FUND_ADMINISTRATOR\"]},\"request\":{\"type\":\"RecordReceipt\","
                + "\"bankAccount\":\"110060001\",\"bankReference\":\"Y1\",\"amount\":{\"amount\":\"100.00\","
                + "\"currency\":\"CNY\"},\"payer\":{\"name\":\"某人\"},\"source\":\"OTHER\"}}");
        CliProcess.Run refused = CliProcess.run("apply", "--db", db.toString(), receipt.toString()).expect(3);
        assertEquals(true, (refused.out() + refused.err()).contains("bank_account row"), refused.out() + refused.err());
        assertEquals(before.get("headHash").asText(), head(db).get("headHash").asText(), "nothing appended");
        CliProcess.run("verify", "--db", db.toString()).expect(1).printed("every projection row")
                .printed("column retired");
        CliProcess.run("rebuild", "--db", db.toString()).expect(0).printed("folded afresh");
        CliProcess.run("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
        CliProcess.run("apply", "--db", db.toString(), receipt.toString()).expect(0);
    }
}
