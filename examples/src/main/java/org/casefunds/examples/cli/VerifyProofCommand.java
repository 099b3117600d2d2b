package org.casefunds.examples.cli;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.digest.DigestKeys;
import org.casefunds.ledger.formats.digest.FileCheck;
import org.casefunds.ledger.formats.digest.ProofFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code casefunds verify-proof}: checks an inclusion proof offline, without the ledger. */
@CommandLine.Command(name = "verify-proof", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Checks a proof file from `casefunds prove` without the ledger: the digest's signature"
            + " (against --key when given), that the proof leads to the digest's root over its events, that the"
            + " event's text hashes to the event's hash, and that the audit path leads from that hash to the root.",
            "Exit code 0 when all hold, 1 when one fails."})
final class VerifyProofCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The proof file.")
    Path file;

    @Option(names = "--key", paramLabel = "PUBLIC_PEM",
            description = "The public key (X.509 PEM) the digest must be signed with.")
    Path key;

    @Option(names = "--json", description = "Print the outcome as JSON: {ok, event, digest, checks: [{name, ok,"
            + " detail}]}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ProofFile proof = ProofFile.read(file, "FILE");
        Optional<PublicKey> trusted = Optional.ofNullable(key).map(each -> DigestKeys.readPublic(each, "--key"));
        List<FileCheck> checks = proof.check(trusted, "--key");
        boolean ok = ProofFile.allHold(checks);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("ok", ok);
            outcome.put("event", Map.of("sequence", proof.sequence(), "hash", proof.eventHash()));
            outcome.put("digest", proof.digest().digest());
            outcome.put("checks", checks);
            out.println(Json.MAPPER.writeValueAsString(outcome));
        } else {
            Table table = new Table("check", "result", "detail");
            checks.forEach(check -> table.row(check.name(), check.ok() ? "ok" : "FAILED", check.detail()));
            table.print(out);
            out.println(ok ? "The proof holds: event " + proof.sequence() + " is among the "
                    + proof.digest().digest().sequence() + " events of the digest of court "
                    + proof.digest().digest().court() + " made at " + proof.digest().digest().madeAt() + "."
                    : "The proof does NOT hold: " + checks.stream().filter(check -> !check.ok()).findFirst()
                            .map(FileCheck::name).orElse("?") + " failed first.");
        }
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
