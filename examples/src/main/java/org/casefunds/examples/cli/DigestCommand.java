package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.formats.digest.DigestFile;
import org.casefunds.ledger.formats.digest.DigestKeys;
import org.casefunds.ledger.formats.digest.DigestSignature;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds digest}: the journal's head as a digest an auditor keeps, signed if asked. */
@CommandLine.Command(name = "digest", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Prints the journal's digest: the court, the number of events (the sequence of the last),"
            + " the last event's hash, the root of the RFC 6962 Merkle tree over every event's hash, and when it was"
            + " made.",
            "Keep it (--out, signed with --sign): later, `casefunds verify --digest FILE` proves the ledger still"
                + " holds exactly the events it covered, and `casefunds prove` proves one event is among them.",
            "The file written with --out holds the hashes of the events covered too (about 68 bytes an event), so"
                + " that a later check names the first event that changed; --no-event-hashes leaves them out, and a"
                + " change is then found but not named. See docs/digest.md."})
final class DigestCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--json", description = "Print the digest as JSON, as the file holds it (without the event"
            + " hashes).")
    boolean json;

    @Option(names = "--sign", paramLabel = "PRIVATE_KEY_PEM",
            description = "Sign the digest with this Ed25519 private key (PKCS#8 PEM, from `casefunds keygen`).")
    Path sign;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the digest file here; it must not exist.")
    Path out;

    @Option(names = "--no-event-hashes", description = "Leave the events' hashes out of the file written with --out.")
    boolean noEventHashes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (noEventHashes && out == null) {
            throw new Casefunds.BadInput("--no-event-hashes: only the file written with --out holds event hashes;"
                    + " add --out FILE or leave the option out");
        }
        if (out != null && Files.exists(out)) {
            throw new Casefunds.BadInput("--out " + out + " exists; a digest you kept is never replaced: choose a new"
                    + " file");
        }
        Optional<PrivateKey> key = Optional.ofNullable(sign).map(file -> DigestKeys.readPrivate(file, "--sign"));
        JournalTree tree;
        try (Ledger opened = ledger.openForReading()) {
            tree = JournalTree.read(opened.store());
        }
        DigestFile file = DigestFile.of(tree.digest(Clock.systemUTC().instant()));
        if (key.isPresent()) {
            file = file.signedWith(key.get());
        }
        if (out != null) {
            (noEventHashes ? file : file.withEventHashes(tree)).writeNew(out, "--out");
        }
        PrintWriter printed = spec.commandLine().getOut();
        if (json) {
            printed.println(file.toJson().strip());
        } else {
            print(file.digest(), file.signature(), printed);
            if (out != null) {
                printed.printf("Written to %s%s. Keep it; check the ledger against it later with `casefunds verify"
                        + " %s --digest %s%s`.%n", out, noEventHashes ? "" : " with the hashes of its "
                        + file.digest().sequence() + " events", ledger.dbOptions(), out, key.isPresent() ? " --key PUBLIC.pem"
                        : "");
            }
        }
        return ExitCodes.OK;
    }

    /** Prints a digest's fields, one a line, and who signed it. */
    static void print(JournalDigest digest, Optional<DigestSignature> signature, PrintWriter out) {
        out.printf("Journal digest of court %s%n", digest.court());
        out.printf("  sequence     %d%n", digest.sequence());
        out.printf("  head hash    %s%n", digest.headHash());
        out.printf("  Merkle root  %s%n", digest.merkleRoot());
        out.printf("  made at      %s%n", digest.madeAt());
        out.printf("  signed       %s%n", signature.map(each -> "Ed25519, key " + each.keyFingerprint())
                .orElse("no"));
    }
}
