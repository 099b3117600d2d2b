package org.casefunds.ledger.formats.logins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.config.ConfigFiles;
import org.casefunds.ledger.formats.export.AtomicFile;

/**
 * The file of the web dashboard's logins: for each person of the staff register who may log in, the
 * hash of their password and the hashes of their API tokens. It holds no password and no token in
 * clear, and no role: what a person may see comes from the staff register in the journal, on the
 * day they look. It is kept beside the ledger, not in it: a secret has no place in a journal that is
 * kept for ever and handed to auditors.
 *
 * <p>The file is JSON, {@code {"logins": [{"person": "fin.li", "passwordHash": "$2a$...", "tokens":
 * [{"name": "case-system", "sha256": "...", "created": "..."}]}]}}, written all or nothing and
 * readable by its owner only.
 *
 * @param logins one entry per person, at most one each
 */
public record LoginsFile(List<Login> logins) {

    /** Copies the list and checks no person appears twice. */
    public LoginsFile {
        logins = List.copyOf(logins);
        Set<String> seen = new HashSet<>();
        for (Login login : logins) {
            if (!seen.add(login.person())) {
                throw new IllegalArgumentException("logins: person '" + login.person() + "' appears twice");
            }
        }
    }

    /**
     * One person's login.
     *
     * @param person the person's id in the staff register
     * @param passwordHash the password's hash (bcrypt's modular crypt form), empty when none is set
     * @param tokens the person's API tokens
     */
    public record Login(String person, Optional<String> passwordHash, List<Token> tokens) {
        /** Checks the fields and copies the list. */
        public Login {
            Objects.requireNonNull(person, "person");
            if (person.isBlank()) {
                throw new IllegalArgumentException("logins: a login has an empty person");
            }
            Objects.requireNonNull(passwordHash, "passwordHash");
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * An API token, kept as the SHA-256 of its text (a token is long and random, so a plain hash
     * suffices to keep it from whoever reads the file).
     *
     * @param name what the token is for, as its owner named it
     * @param sha256 the token's SHA-256, in lower-case hex
     * @param created when it was issued
     */
    public record Token(String name, String sha256, Instant created) {
        /** Checks the fields. */
        public Token {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(created, "created");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("logins: token '" + name + "': sha256 is not 64 hex digits");
            }
        }
    }

    /** A file with no login. */
    public static LoginsFile empty() {
        return new LoginsFile(List.of());
    }

    /** The login of {@code person}, if any. */
    public Optional<Login> login(String person) {
        return logins.stream().filter(login -> login.person().equals(person)).findFirst();
    }

    /** This file with {@code login} in place of the person's login, or added. */
    public LoginsFile with(Login login) {
        List<Login> changed = new ArrayList<>();
        boolean replaced = false;
        for (Login each : logins) {
            if (each.person().equals(login.person())) {
                changed.add(login);
                replaced = true;
            } else {
                changed.add(each);
            }
        }
        if (!replaced) {
            changed.add(login);
        }
        return new LoginsFile(changed);
    }

    /**
     * Reads {@code file}; a file that does not exist holds no login.
     *
     * @throws IllegalArgumentException naming the file and what is wrong when it is not a logins file
     * @throws IOException when it cannot be read
     */
    public static LoginsFile read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException absent) {
            return empty();
        }
        try {
            return ConfigFiles.parseDocument(text, "logins file " + file, LoginsFile.class);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage() + "; the file is written by `casefunds login`", e);
        }
    }

    /** Writes this file to {@code file}, all or nothing, readable and writable by its owner only. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, out -> {
            out.write(Json.MAPPER.writeValueAsString(this));
            out.write('\n');
            return null;
        });
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions keeps its own.
        }
    }
}
