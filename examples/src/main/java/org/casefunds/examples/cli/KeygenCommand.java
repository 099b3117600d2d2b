package org.casefunds.examples.cli;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.casefunds.ledger.formats.digest.DigestKeys;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code casefunds keygen}: a new Ed25519 key pair to sign digests with. */
@CommandLine.Command(name = "keygen", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Makes a new Ed25519 key pair for signing digests: the private key as a PKCS#8 PEM file"
            + " (readable by its owner only), the public key as an X.509 PEM file.",
            "Neither file may exist: a key is never overwritten. Keep the private key with whoever signs digests;"
                + " give the public key to whoever checks them (`casefunds verify --digest FILE --key PUBLIC.pem`)."})
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out-private", required = true, paramLabel = "FILE", description = "The private key's file.")
    Path outPrivate;

    @Option(names = "--out-public", required = true, paramLabel = "FILE", description = "The public key's file.")
    Path outPublic;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        KeyPair pair = DigestKeys.generate();
        DigestKeys.writeNew(pair, outPrivate, "--out-private", outPublic, "--out-public");
        spec.commandLine().getOut().printf("Wrote the private key to %s (keep it secret: it signs digests) and the"
                + " public key to %s (give it to auditors).%nKey fingerprint: %s%n", outPrivate, outPublic,
                DigestKeys.fingerprint(pair.getPublic()));
        return ExitCodes.OK;
    }
}
