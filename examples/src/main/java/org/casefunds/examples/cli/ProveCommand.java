package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.digest.DigestCheck;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.formats.digest.DigestFile;
import org.casefunds.ledger.formats.digest.DigestKeys;
import org.casefunds.ledger.formats.digest.FileCheck;
import org.casefunds.ledger.formats.digest.ProofFile;
import org.casefunds.ledger.journal.Event;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds prove}: the proof that one event is among those a digest covered, as a file. */
@CommandLine.Command(name = "prove", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Writes the proof that event N is among the events a digest covered: the event (its"
            + " sequence, hash and canonical text), the RFC 6962 audit path from its leaf to the digest's Merkle root,"
            + " and the digest with its signature. Anyone holding the proof checks it without the ledger:"
            + " `casefunds verify-proof FILE --key PUBLIC.pem`.",
            "The ledger must still begin with the digest's events (as `casefunds verify --digest` checks); an event"
                + " after the digest is proven against a later digest."})
final class ProveCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--event", required = true, paramLabel = "N", description = "The event's sequence number.")
    long event;

    @Option(names = "--digest", required = true, paramLabel = "FILE", description = "The digest file.")
    Path digest;

    @Option(names = "--key", paramLabel = "PUBLIC_PEM",
            description = "The public key (X.509 PEM) the digest must be signed with.")
    Path key;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the proof here (it must not exist). Default: print it.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null && Files.exists(out)) {
            throw new Casefunds.BadInput("--out " + out + " exists; choose a new file");
        }
        DigestFile kept = DigestFile.read(digest, "--digest");
        JournalDigest pinned = kept.digest();
        if (event < 1 || event > pinned.sequence()) {
            throw new Casefunds.BadInput("--event " + event + ": the digest " + digest + " covers events 1 to "
                    + pinned.sequence() + (event > pinned.sequence() ? "; an event after it is proven against a later"
                    + " digest: make one with `casefunds digest --out FILE`" : ""));
        }
        Optional<PublicKey> trusted = Optional.ofNullable(key).map(file -> DigestKeys.readPublic(file, "--key"));
        FileCheck signature = kept.checkSignature(trusted, "--key");
        PrintWriter err = spec.commandLine().getErr();
        if (!signature.ok()) {
            err.println("casefunds prove: the digest " + digest + " does not verify: " + signature.detail()
                    + "; no proof was written");
            return ExitCodes.CHECK_FAILED;
        }
        ProofFile proof;
        try (Ledger opened = ledger.openForReading()) {
            JournalTree tree = JournalTree.read(opened.store());
            DigestCheck check = tree.check(pinned, kept.keptTree());
            if (!check.ok()) {
                err.println("casefunds prove: the ledger no longer holds the events of the digest " + digest + ": "
                        + check.detail() + "; no proof was written (see `casefunds verify --digest`)");
                return ExitCodes.CHECK_FAILED;
            }
            Event proven;
            try (Stream<Event> events = opened.events(event)) {
                proven = events.findFirst().orElseThrow();
            }
            proof = ProofFile.of(proven, tree.inclusionProof(event, pinned), kept);
        }
        PrintWriter printed = spec.commandLine().getOut();
        if (out == null) {
            printed.println(proof.toJson().strip());
        } else {
            proof.writeNew(out, "--out");
            printed.printf("Wrote to %s the proof that event %d (%s) is among the %d events of the digest of court %s"
                    + " made at %s: %d hashes from its leaf to the root %s.%nCheck it without the ledger: `casefunds"
                    + " verify-proof %s%s`%n", out, event, proof.event().map(Event::idempotencyKey).orElse("?"),
                    pinned.sequence(), pinned.court(), pinned.madeAt(), proof.proof().auditPath().size(),
                    pinned.merkleRoot(), out, kept.signature().isPresent() ? " --key PUBLIC.pem" : "");
        }
        return ExitCodes.OK;
    }
}
