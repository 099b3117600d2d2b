package org.casefunds.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HexFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: an auditor keeps a signed digest of a ledger file and later proves, from the command line,
 * that the ledger still holds exactly the events the digest covered, and that one event is among
 * them, offline; a ledger rewritten since (one event changed, every later hash and the stored head
 * made to follow, so that the plain verification passes) fails against the earlier digest, naming
 * that event; foreign or malformed input is refused with exit code 2 naming the field and value, and
 * a failed check gives exit code 1.
 *
 * <p>Method: the command line runs in this process ({@link Casefunds#run}) on a temporary SQLite
 * file built from the sample of every command; the rewrite goes through plain SQL on the file, with
 * the journal's append-only trigger dropped first, as someone with access to the file could.
 */
class DigestCommandsTest {
    @TempDir
    Path folder;

    private Path db;
    private Path privateKey;
    private Path publicKey;

    static CliProcess.Run casefunds(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Casefunds.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliProcess.Run(List.of(arguments), code, out.toString(), err.toString());
    }

    @BeforeEach
    void aCourtAndAKeyPair() {
        db = folder.resolve("court.db");
        casefunds("apply", "--db", db.toString(), "--create", "samples/every-command.jsonl").expect(0)
                .printed("applied 49 command(s)");
        privateKey = folder.resolve("signer.pem");
        publicKey = folder.resolve("signer.pub.pem");
        casefunds("keygen", "--out-private", privateKey.toString(), "--out-public", publicKey.toString()).expect(0)
                .printed("Key fingerprint: ");
    }

    private Path signedDigest(String name) {
        Path digest = folder.resolve(name);
        casefunds("digest", "--db", db.toString(), "--sign", privateKey.toString(), "--out", digest.toString())
                .expect(0).printed("Journal digest of court 京02").printed("sequence     49")
                .printed("signed       Ed25519, key ").printed("with the hashes of its 49 events");
        return digest;
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void anAuditorKeepsADigestAndLaterProvesTheLedgerAndOneEventAgainstIt() throws IOException {
        Path digest = signedDigest("digest.json");
        casefunds("verify", "--db", db.toString(), "--digest", digest.toString(), "--key", publicKey.toString())
                .expect(0).printed("Head checked: 49 events, last hash ")
                .printed("still begins with exactly the events of the digest");

        // The court goes on: the digest still holds for the longer journal.
        casefunds("apply", "--db", db.toString(), write("later.jsonl", LedgerFileIT.receipt("SN0099", "10.00",
                "2025-03-20") + "\n").toString()).expect(0);
        CliProcess.Run later = casefunds("verify", "--db", db.toString(), "--digest", digest.toString(), "--key",
                publicKey.toString(), "--json").expect(0);
        JsonNode outcome = Json.MAPPER.readTree(later.out());
        assertEquals(50, outcome.get("head").get("sequence").asLong());
        assertEquals(64, outcome.get("head").get("hash").asText().length());
        assertTrue(outcome.get("digest").get("ok").asBoolean());
        assertEquals(49, outcome.get("digest").get("digest").get("sequence").asLong());
        assertTrue(later.out().contains("a consistency proof of "), later.out());

        Path proof = folder.resolve("proof.json");
        casefunds("prove", "--db", db.toString(), "--event", "33", "--digest", digest.toString(), "--out",
                proof.toString()).expect(0).printed("event 33 (notice:123:1) is among the 49 events");
        JsonNode proofJson = Json.MAPPER.readTree(proof.toFile());
        assertEquals(33, proofJson.get("event").get("sequence").asLong());
        assertEquals(32, proofJson.get("leafIndex").asLong());
        assertEquals(49, proofJson.get("treeSize").asLong());
        casefunds("verify-proof", proof.toString(), "--key", publicKey.toString()).expect(0)
                .printed("The proof holds: event 33 is among the 49 events of the digest of court 京02");
        // Offline: the proof needs no ledger.
        Files.delete(db);
        casefunds("verify-proof", proof.toString()).expect(0).printed("the key the file names");

        String text = Files.readString(proof);
        casefunds("verify-proof", write("changed-event.json", text.replace("head.sun", "Head.Sun")).toString())
                .expect(1).printed("the text was changed");
        String path0 = proofJson.get("auditPath").get(0).asText();
        casefunds("verify-proof", write("changed-path.json", text.replace(path0, path0.replace(path0.charAt(0),
                path0.charAt(0) == 'a' ? 'b' : 'a'))).toString()).expect(1).printed("inclusion");
        casefunds("verify-proof", write("changed-digest.json", text.replace("\"sequence\" : 49",
                "\"sequence\" : 48")).toString()).expect(1).printed("does not verify");
    }

    @Test
    void aRewrittenLedgerPassesThePlainVerificationButFailsAgainstTheEarlierDigest() throws Exception {
        Path digest = signedDigest("digest.json");
        // The approver's id rewritten as the same person writes it otherwise: the register still
        // holds them, so nothing the ledger can recompute betrays the change; only the digest does.
        long rewritten = rewriteApprover(db, "notice:123:1", "head.sun", "Head.Sun");
        assertEquals(33, rewritten);

        // Every hash follows from the one before: the chain, the balances, the projections, the
        // authority of each approver all hold.
        casefunds("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
        CliProcess.Run run = casefunds("verify", "--db", db.toString(), "--digest", digest.toString(), "--key",
                publicKey.toString()).expect(1);
        run.printed("Head checked: 49 events, last hash ")
                .printed("event 33 is not the event the digest covered")
                .printed("event 33 is now notice:123:1 (PAYOUT_NOTICE_ISSUED")
                .printed("The ledger does NOT verify: digest failed first.");
        JsonNode outcome = Json.MAPPER.readTree(casefunds("verify", "--db", db.toString(), "--digest",
                digest.toString(), "--json").expect(1).out());
        assertFalse(outcome.get("ok").asBoolean());
        assertEquals(33, outcome.get("digest").get("firstDifferentEvent").get("sequence").asLong());
        assertEquals(49, outcome.get("head").get("sequence").asLong());

        // Without the kept hashes the change is still found, but cannot be named.
        Path bare = folder.resolve("bare.json");
        Files.writeString(bare, Json.MAPPER.writeValueAsString(((ObjectNode)
                Json.MAPPER.readTree(digest.toFile())).without("eventHashes")));
        casefunds("verify", "--db", db.toString(), "--digest", bare.toString(), "--key", publicKey.toString())
                .expect(1).printed("cannot be named");
        // No proof is made from a ledger that no longer holds the digest's events.
        casefunds("prove", "--db", db.toString(), "--event", "3", "--digest", digest.toString()).expect(1)
                .complained("event 33 is not the event the digest covered");
    }

    @Test
    void anInventedApproverWrittenIntoTheJournalFailsThePlainVerification() throws Exception {
        long rewritten = rewriteApprover(db, "notice:123:1", "head.sun", "head.qian");
        assertEquals(33, rewritten);
        casefunds("verify", "--db", db.toString()).expect(1)
                .printed("event 33 (notice:123:1): approver head.qian is not in the staff register");
    }

    /**
     * Changes the approver of the event under {@code key} as someone with the file and the published
     * storage format could (docs/design.md §7): drops the append-only trigger, unpacks that event's
     * text with the library's dictionary, changes it and packs it again, then rewrites that event's
     * hash and every later one's (each later text holds the hash before it, put back with the values
     * its row's columns hold), and the stored head.
     * Returns the changed event's sequence.
     */
    static long rewriteApprover(Path db, String key, String approver, String forged) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TRIGGER event_is_append_only_update");
            }
            long target = 0;
            String previous = "0".repeat(64);
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT sequence, effective_date, body, hash, id, request_digest FROM event ORDER BY sequence");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE event SET body = ?, hash = ? WHERE sequence = ?")) {
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        long sequence = rows.getLong(1);
                        String emptied = unpack(rows.getBytes(3));
                        if (target == 0 && emptied.contains("\nidempotencyKey=" + key + "\n")) {
                            target = sequence;
                            String line = "approverId=" + approver + "\n";
                            assertTrue(emptied.contains(line), emptied);
                            emptied = emptied.replace(line, "approverId=" + forged + "\n");
                        }
                        if (target == 0) {
                            previous = HexFormat.of().formatHex(rows.getBytes(4));
                            continue;
                        }
                        // The lines the row's columns hold, put back as the ledger reads them.
                        java.nio.ByteBuffer id = java.nio.ByteBuffer.wrap(rows.getBytes(5));
                        String text = emptied.replaceFirst("\nsequence=\n", "\nsequence=" + sequence + "\n")
                                .replaceFirst("\nid=\n", "\nid=" + new java.util.UUID(id.getLong(), id.getLong()) + "\n")
                                .replaceFirst("\nrequestDigest=\n", "\nrequestDigest="
                                        + HexFormat.of().formatHex(rows.getBytes(6)) + "\n")
                                .replaceFirst("\neffectiveDate=\n", "\neffectiveDate="
                                        + LocalDate.ofEpochDay(rows.getLong(2)) + "\n");
                        text = text.substring(0, text.length() - "previousHash=\n".length()) + "previousHash="
                                + previous + "\n";
                        String hash = CanonicalCodec.sha256(text);
                        update.setBytes(1, sequence == target ? pack(emptied) : rows.getBytes(3));
                        update.setBytes(2, HexFormat.of().parseHex(hash));
                        update.setLong(3, sequence);
                        assertEquals(1, update.executeUpdate());
                        previous = hash;
                    }
                }
            }
            assertTrue(target > 0, key);
            try (PreparedStatement head = connection.prepareStatement("UPDATE ledger_info SET last_hash = ?")) {
                head.setString(1, previous);
                head.executeUpdate();
            }
            connection.commit();
            return target;
        }
    }

    /** The ledger's packing dictionary 2, from the library's jar. */
    private static byte[] dictionary() {
        try (InputStream in = DigestCommandsTest.class.getResourceAsStream("/org/casefunds/ledger/sql/packed-text-2.dict")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A packed column's text: the packing byte 2, then a Zstandard frame without its magic number. */
    private static String unpack(byte[] stored) {
        assertEquals(2, stored[0]);
        try (ZstdDecompressCtx unpacker = new ZstdDecompressCtx()) {
            unpacker.setMagicless(true);
            unpacker.loadDict(dictionary());
            byte[] text = new byte[(int) Zstd.getFrameContentSize(stored, 1, stored.length - 1, true)];
            int length = unpacker.decompressByteArray(text, 0, text.length, stored, 1, stored.length - 1);
            assertEquals(text.length, length);
            return new String(text, StandardCharsets.UTF_8);
        }
    }

    private static byte[] pack(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (ZstdCompressCtx packer = new ZstdCompressCtx()) {
            packer.setMagicless(true);
            packer.setContentSize(true);
            packer.setDictID(false);
            packer.loadDict(dictionary());
            byte[] out = new byte[1 + (int) Zstd.compressBound(utf8.length)];
            out[0] = 2;
            int length = packer.compressByteArray(out, 1, out.length - 1, utf8, 0, utf8.length);
            return Arrays.copyOf(out, 1 + length);
        }
    }

    @Test
    void aDigestOfAnotherCourtIsRefusedNamingTheCourt() {
        Path other = folder.resolve("other.db");
        List<String> init = new ArrayList<>(List.of("init", "--db", other.toString(), "--court", "京03",
                "--bank-account", "110070001", "--opened-on", "2025-03-03"));
        init.addAll(CliProcess.STAFF);
        casefunds(init.toArray(String[]::new)).expect(0);
        Path digest = folder.resolve("other-digest.json");
        casefunds("digest", "--db", other.toString(), "--out", digest.toString()).expect(0);
        casefunds("verify", "--db", db.toString(), "--digest", digest.toString()).expect(2)
                .complained("court '京03': the digest is of court 京03, this ledger is of court 京02");
        casefunds("prove", "--db", db.toString(), "--event", "1", "--digest", digest.toString()).expect(2)
                .complained("court '京03'");
    }

    @Test
    void aDigestSignedByAnotherKeyOrAMalformedKeyIsRefused() throws IOException {
        Path digest = signedDigest("digest.json");
        Path otherPrivate = folder.resolve("other.pem");
        Path otherPublic = folder.resolve("other.pub.pem");
        casefunds("keygen", "--out-private", otherPrivate.toString(), "--out-public", otherPublic.toString())
                .expect(0);
        casefunds("verify", "--db", db.toString(), "--digest", digest.toString(), "--key", otherPublic.toString())
                .expect(2).complained("signature.keyFingerprint '").complained("signed by another key than --key");

        Path garbled = write("garbled.pem", "-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----\n");
        casefunds("verify", "--db", db.toString(), "--digest", digest.toString(), "--key", garbled.toString())
                .expect(2).complained("--key '" + garbled + "': is not a PEM file");
        casefunds("verify", "--db", db.toString(), "--digest", digest.toString(), "--key", privateKey.toString())
                .expect(2).complained("holds a PRIVATE KEY where a PUBLIC KEY is needed");
        casefunds("digest", "--db", db.toString(), "--sign", publicKey.toString()).expect(2)
                .complained("--sign '" + publicKey + "': holds a PUBLIC KEY where a PRIVATE KEY is needed");

        // A digest changed after it was signed: the signature no longer verifies, a failed check.
        String text = Files.readString(digest);
        Path unsigned = folder.resolve("unsigned.json");
        casefunds("digest", "--db", db.toString(), "--out", unsigned.toString()).expect(0).printed("signed       no");
        casefunds("verify", "--db", db.toString(), "--digest", unsigned.toString(), "--key", publicKey.toString())
                .expect(2).complained("signature (missing): the digest is not signed");
        JsonNode signed = Json.MAPPER.readTree(text);
        String forgedTime = text.replace(signed.get("madeAt").asText(), "2020-01-01T00:00:00Z");
        casefunds("verify", "--db", db.toString(), "--digest", write("forged.json", forgedTime).toString(), "--key",
                publicKey.toString()).expect(1).printed("digest signature").printed("does not verify");
    }

    @Test
    void aProofOfAnEventAfterTheDigestIsRefusedNamingTheEvent() throws IOException {
        Path digest = signedDigest("digest.json");
        casefunds("apply", "--db", db.toString(), write("later.jsonl", LedgerFileIT.receipt("SN0099", "10.00",
                "2025-03-20") + "\n").toString()).expect(0);
        casefunds("prove", "--db", db.toString(), "--event", "50", "--digest", digest.toString()).expect(2)
                .complained("--event 50: the digest " + digest + " covers events 1 to 49; an event after it is"
                        + " proven against a later digest");
        casefunds("prove", "--db", db.toString(), "--event", "0", "--digest", digest.toString()).expect(2)
                .complained("--event 0");
        // Printed when no --out is given.
        JsonNode proof = Json.MAPPER.readTree(casefunds("prove", "--db", db.toString(), "--event", "49", "--digest",
                digest.toString()).expect(0).out());
        assertEquals(48, proof.get("leafIndex").asLong());
    }

    @Test
    void keysAndDigestsAreNeverOverwritten() {
        casefunds("keygen", "--out-private", privateKey.toString(), "--out-public", folder.resolve("new.pem")
                .toString()).expect(2).complained("--out-private '" + privateKey + "': exists; a key is never"
                        + " overwritten");
        assertFalse(Files.exists(folder.resolve("new.pem")));
        Path digest = signedDigest("digest.json");
        casefunds("digest", "--db", db.toString(), "--out", digest.toString()).expect(2)
                .complained("--out " + digest + " exists");
    }

    @Test
    void theDigestPrintsAsJson() throws IOException {
        JsonNode digest = Json.MAPPER.readTree(casefunds("digest", "--db", db.toString(), "--json", "--sign",
                privateKey.toString()).expect(0).out());
        assertEquals("casefunds-digest v1", digest.get("format").asText());
        assertEquals("京02", digest.get("court").asText());
        assertEquals(49, digest.get("sequence").asLong());
        assertEquals("Ed25519", digest.get("signature").get("algorithm").asText());
        assertTrue(digest.get("eventHashes") == null, "only a file keeps the event hashes");
    }

    @Test
    void theWeeklyAndMonthlyReportsEndWithTheDigest() throws IOException {
        casefunds("report", "weekly", "--db", db.toString(), "--to", "2025-03-16", "--lang", "en").expect(0)
                .printed("Journal digest at this report: court 京02, 49 events, made at ")
                .printed("  Merkle root  ");
        JsonNode weekly = Json.MAPPER.readTree(casefunds("report", "weekly", "--db", db.toString(), "--to",
                "2025-03-16", "--json").expect(0).out());
        assertEquals(49, weekly.get("digest").get("sequence").asLong());
        assertEquals("京02", weekly.get("digest").get("court").asText());
        assertEquals(64, weekly.get("digest").get("merkleRoot").asText().length());
        JsonNode monthly = Json.MAPPER.readTree(casefunds("report", "large-balances", "--db", db.toString(),
                "--as-of", "2025-03-31", "--json").expect(0).out());
        assertEquals(weekly.get("digest").get("merkleRoot"), monthly.get("digest").get("merkleRoot"));
        // Built from the stored hashes, it is the digest the auditor's command makes from every text.
        JsonNode checked = Json.MAPPER.readTree(casefunds("digest", "--db", db.toString(), "--json").expect(0).out());
        assertEquals(checked.get("merkleRoot"), weekly.get("digest").get("merkleRoot"));
        assertEquals(checked.get("headHash"), weekly.get("digest").get("headHash"));
        casefunds("report", "large-balances", "--db", db.toString(), "--as-of", "2025-03-31").expect(0)
                .printed("本报表所据账本摘要：法院 京02，共 49 条流水").printed("默克尔根");
        // The other reports do not.
        assertTrue(Json.MAPPER.readTree(casefunds("report", "unidentified", "--db", db.toString(), "--as-of",
                "2025-03-31", "--json").expect(0).out()).get("digest") == null);
    }
}
