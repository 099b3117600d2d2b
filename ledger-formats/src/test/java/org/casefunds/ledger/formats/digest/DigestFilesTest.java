package org.casefunds.ledger.formats.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: keys, digests and proofs survive their files exactly, a signature proves who made a digest
 * and that nothing in it changed, and every malformed or foreign file is refused naming the field
 * and value at fault.
 *
 * <p>Method: a small court in memory, its digest signed with a fresh key, written and read back;
 * then one field at a time is spoiled in the text.
 */
class DigestFilesTest {
    private static final Instant MADE = Instant.parse("2025-01-03T09:30:00Z");

    @TempDir
    Path folder;

    private static Ledger court() {
        Ledger ledger = Fixtures.openedLedger();
        ledger.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
        ledger.execute(Fixtures.openCase("case-2", Fixtures.HANDLER, 2, Fixtures.DAY_ONE));
        return ledger;
    }

    @Test
    void aKeyPairSurvivesItsPemFilesAndThePublicKeyFollowsFromThePrivate() throws IOException {
        KeyPair pair = DigestKeys.generate();
        Path privateFile = folder.resolve("private.pem");
        Path publicFile = folder.resolve("public.pem");
        DigestKeys.writeNew(pair, privateFile, "--out-private", publicFile, "--out-public");
        assertTrue(Files.readString(privateFile).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(publicFile).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)));
        assertEquals(pair.getPrivate(), DigestKeys.readPrivate(privateFile, "--sign"));
        PublicKey read = DigestKeys.readPublic(publicFile, "--key");
        assertEquals(pair.getPublic(), read);
        assertEquals(DigestKeys.fingerprint(pair.getPublic()), DigestKeys.fingerprint(
                DigestKeys.publicKeyOf(pair.getPrivate())));

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> DigestKeys.writeNew(
                DigestKeys.generate(), folder.resolve("other.pem"), "--out-private", publicFile, "--out-public"));
        assertEquals("--out-public", refused.field().orElseThrow());
        assertEquals(ErrorCode.ALREADY_EXISTS, refused.code());
        assertFalse(Files.exists(folder.resolve("other.pem")), "nothing is written when one file exists");
    }

    @Test
    void aMalformedPemIsRefusedSayingWhatIsWrong() {
        KeyPair pair = DigestKeys.generate();
        String publicPem = DigestKeys.publicPem(pair.getPublic());
        assertRefused(() -> DigestKeys.parsePublic("", "--key", "pub.pem"), "--key", "is empty");
        assertRefused(() -> DigestKeys.parsePublic("MCowBQYDK2VwAyEA", "--key", "pub.pem"), "--key",
                "is not a PEM file");
        assertRefused(() -> DigestKeys.parsePublic(DigestKeys.privatePem(pair.getPrivate()), "--key", "pub.pem"),
                "--key", "holds a PRIVATE KEY where a PUBLIC KEY is needed");
        assertRefused(() -> DigestKeys.parsePublic(publicPem.replace("-----END PUBLIC KEY-----",
                "-----END PRIVATE KEY-----"), "--key", "pub.pem"), "--key", "begins a PUBLIC KEY and ends a PRIVATE KEY");
        assertRefused(() -> DigestKeys.parsePublic(publicPem.replaceFirst("\n[A-Za-z0-9+/]{4}", "\n===="), "--key",
                "pub.pem"), "--key", "base64");
        assertRefused(() -> DigestKeys.parsePublic("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                "--key", "pub.pem"), "--key", "is not an Ed25519 public key");
        assertRefused(() -> DigestKeys.readPublic(folder.resolve("none.pem"), "--key"), "--key",
                "there is no such file");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable executable, String field,
            String words) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, executable);
        assertEquals(field, refused.field().orElseThrow(), refused.getMessage());
        assertTrue(refused.getMessage().contains(words), refused.getMessage());
    }

    @Test
    void aSignedDigestWithItsEventHashesSurvivesItsFile() {
        Ledger ledger = court();
        JournalTree tree = JournalTree.read(ledger.store());
        KeyPair pair = DigestKeys.generate();
        DigestFile file = DigestFile.of(tree.digest(MADE)).signedWith(pair.getPrivate()).withEventHashes(tree);
        Path path = folder.resolve("digest.json");
        file.writeNew(path, "--out");
        DigestFile read = DigestFile.read(path, "--digest");
        assertEquals(file, read);
        assertEquals(tree.size(), read.eventHashes().orElseThrow().size());
        FileCheck trusted = read.checkSignature(Optional.of(pair.getPublic()), "--key");
        assertTrue(trusted.ok(), trusted.detail());
        assertTrue(trusted.detail().contains("the key given with --key"), trusted.detail());
        assertTrue(read.checkSignature(Optional.empty(), "--key").detail().contains("the key the file names"));
        assertTrue(read.keptTree().orElseThrow().check(read.digest(), Optional.empty()).ok());

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> file.writeNew(path, "--out"));
        assertEquals("--out", refused.field().orElseThrow());
    }

    @Test
    void aDigestSignedByAnotherKeyOrNotSignedIsRefusedWhenAKeyIsGiven() {
        JournalTree tree = JournalTree.read(court().store());
        DigestFile signed = DigestFile.of(tree.digest(MADE)).signedWith(DigestKeys.generate().getPrivate());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> signed.checkSignature(Optional.of(DigestKeys.generate().getPublic()), "--key"));
        assertEquals("signature.keyFingerprint", refused.field().orElseThrow());
        assertTrue(refused.getMessage().contains("signed by another key than --key"), refused.getMessage());
        refused = assertThrows(InvalidInputException.class, () -> DigestFile.of(tree.digest(MADE))
                .checkSignature(Optional.of(DigestKeys.generate().getPublic()), "--key"));
        assertEquals("signature", refused.field().orElseThrow());
        assertTrue(DigestFile.of(tree.digest(MADE)).checkSignature(Optional.empty(), "--key").ok());
    }

    @Test
    void aChangedDigestNoLongerVerifies() {
        JournalTree tree = JournalTree.read(court().store());
        KeyPair pair = DigestKeys.generate();
        String json = DigestFile.of(tree.digest(MADE)).signedWith(pair.getPrivate()).toJson();
        DigestFile changed = DigestFile.parse(json.replace("\"sequence\" : " + tree.size(),
                "\"sequence\" : " + (tree.size() - 1)), "digest.json");
        FileCheck check = changed.checkSignature(Optional.of(pair.getPublic()), "--key");
        assertFalse(check.ok());
        assertTrue(check.detail().startsWith("signature.value '"), check.detail());
        assertTrue(check.detail().contains("does not verify"), check.detail());
    }

    @Test
    void everyFieldOfADigestFileIsCheckedAndNamed() {
        JournalTree tree = JournalTree.read(court().store());
        JournalDigest digest = tree.digest(MADE);
        String json = DigestFile.of(digest).signedWith(DigestKeys.generate().getPrivate()).withEventHashes(tree)
                .toJson();
        assertRefused(() -> DigestFile.parse(json.replace(digest.headHash(), "XYZ"), "d.json"), "headHash",
                "is not a SHA-256 hash");
        assertRefused(() -> DigestFile.parse(json.replace("\"court\"", "\"courtName\""), "d.json"), "courtName",
                "unknown field `courtName`");
        assertRefused(() -> DigestFile.parse(json.replace("casefunds-digest v1", "casefunds-digest v9"), "d.json"),
                "format", "is not a digest file");
        assertRefused(() -> DigestFile.parse(json.replace("\"Ed25519\"", "\"RSA\""), "d.json"),
                "signature.algorithm", "Ed25519 only");
        String spoiled = json.replace("\"" + tree.eventHash(1) + "\"", "\"" + tree.eventHash(2) + "\"");
        assertRefused(() -> DigestFile.parse(spoiled, "d.json"), "eventHashes", "do not lead to its root");
        assertRefused(() -> DigestFile.parse(json.replace("2025-01-03T09:30:00Z",
                "yesterday"), "d.json"), "madeAt", "");
        // A field written twice: a reader taking the last one would accept another head than the first.
        assertRefused(() -> DigestFile.parse(json.replaceFirst("\\{", "{\"headHash\": \"" + tree.eventHash(1) + "\","),
                "d.json"), "headHash", "is written twice in the same object");
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> DigestFile.parse(json.replace(digest.headHash(), "XYZ"), "d.json"));
        assertTrue(refused.getMessage().startsWith("headHash 'XYZ': is not a SHA-256 hash"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("(in d.json)"), refused.getMessage());
    }

    @Test
    void aProofIsCheckedOfflineAndAnyChangeToItFails() {
        Ledger ledger = court();
        JournalTree tree = JournalTree.read(ledger.store());
        KeyPair pair = DigestKeys.generate();
        DigestFile digest = DigestFile.of(tree.digest(MADE)).signedWith(pair.getPrivate()).withEventHashes(tree);
        // The first case's opening: the first event after the test court's opening.
        long caseOne = Fixtures.afterOpening(1);
        Event event = ledger.events(caseOne).findFirst().orElseThrow();
        ProofFile proof = ProofFile.of(event, tree.inclusionProof(caseOne, digest.digest()), digest);
        Path path = folder.resolve("proof.json");
        proof.writeNew(path, "--out");
        ProofFile read = ProofFile.read(path, "FILE");
        assertEquals(proof, read);
        assertTrue(read.digest().eventHashes().isEmpty(), "a proof carries the digest without its hashes");
        List<FileCheck> checks = read.check(Optional.of(pair.getPublic()), "--key");
        assertTrue(ProofFile.allHold(checks), checks.toString());
        assertEquals(event, read.event().orElseThrow());

        String json = proof.toJson();
        String path0 = proof.proof().auditPath().get(0);
        ProofFile wrongPath = ProofFile.parse(json.replace(path0, tree.eventHash(1)), "p.json");
        assertFalse(check(wrongPath, pair, "inclusion").ok());
        ProofFile wrongText = ProofFile.parse(json.replace("case-1", "case-9"), "p.json");
        assertFalse(check(wrongText, pair, "event").ok());
        assertTrue(check(wrongText, pair, "event").detail().contains("the text was changed"));
        ProofFile wrongRoot = ProofFile.parse(json.replace("\"root\" : \"" + digest.digest().merkleRoot(),
                "\"root\" : \"" + tree.eventHash(1)), "p.json");
        assertFalse(check(wrongRoot, pair, "digest").ok());
        assertRefused(() -> ProofFile.parse(json.replace("\"leafIndex\" : " + (caseOne - 1), "\"leafIndex\" : 300"),
                "p.json"),
                "leafIndex", "must be from 0 to the tree size less one");
        assertRefused(() -> ProofFile.parse(json.replace(digest.digest().headHash(), "zz"), "p.json"),
                "digest.headHash", "is not a SHA-256 hash");
    }

    private static FileCheck check(ProofFile proof, KeyPair pair, String name) {
        return proof.check(Optional.of(pair.getPublic()), "--key").stream().filter(each -> each.name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void aKeyFileIsReadAsUsAscii() throws IOException {
        Path file = folder.resolve("public.pem");
        Files.writeString(file, "  \n" + DigestKeys.publicPem(DigestKeys.generate().getPublic()).replace("\n", "\r\n"),
                StandardCharsets.US_ASCII);
        DigestKeys.readPublic(file, "--key");
    }
}
