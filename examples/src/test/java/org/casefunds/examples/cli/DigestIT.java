package org.casefunds.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the auditor's tour of the README works with the packaged jar: a key pair, a signed digest
 * kept in a file, the ledger verified against it after more commands, and one event proven and the
 * proof checked without the ledger.
 *
 * <p>Method: the jar runs as a process on temporary files, as in the README; {@code DigestCommandsTest}
 * covers the refusals and the rewritten ledger in process.
 */
class DigestIT {
    @TempDir
    Path folder;

    @Test
    void theAuditorsTourOfTheReadme() throws IOException {
        Path db = folder.resolve("court.db");
        String court = db.toString();
        CliProcess.run("apply", "--db", court, "--create", "samples/every-command.jsonl").expect(0);
        Path signer = folder.resolve("signer.pem");
        Path signerPublic = folder.resolve("signer.pub.pem");
        CliProcess.run("keygen", "--out-private", signer.toString(), "--out-public", signerPublic.toString())
                .expect(0);
        Path digest = folder.resolve("digest-2025-03.json");
        CliProcess.run("digest", "--db", court, "--sign", signer.toString(), "--out", digest.toString()).expect(0)
                .printed("sequence     49");

        Path later = folder.resolve("later.jsonl");
        Files.writeString(later, LedgerFileIT.receipt("SN0099", "10.00", "2025-03-20") + "\n", StandardCharsets.UTF_8);
        CliProcess.run("apply", "--db", court, later.toString()).expect(0);
        CliProcess.run("verify", "--db", court, "--digest", digest.toString(), "--key", signerPublic.toString())
                .expect(0).printed("Head checked: 50 events").printed("a consistency proof of ");

        Path proof = folder.resolve("event-33.json");
        CliProcess.run("prove", "--db", court, "--event", "33", "--digest", digest.toString(), "--out",
                proof.toString()).expect(0);
        Files.delete(db);
        CliProcess.run("verify-proof", proof.toString(), "--key", signerPublic.toString()).expect(0)
                .printed("The proof holds: event 33 is among the 49 events");
    }
}
