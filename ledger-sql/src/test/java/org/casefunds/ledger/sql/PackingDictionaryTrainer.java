package org.casefunds.ledger.sql;

import com.github.luben.zstd.ZstdDictTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * How {@code packed-text-2.dict} was made, kept so that anyone can see it holds nothing but what a
 * ledger's texts look like: every packed text of a SQLite ledger (event bodies and the bodies of
 * the projections), shuffled with a fixed seed, given to Zstandard's dictionary trainer for a
 * dictionary of {@value #DICTIONARY_BYTES} bytes. The dictionary in the jar was trained on the
 * demonstration court of another seed and year than the benchmark measures (docs/design.md §7
 * gives the commands). It is not a test and changes nothing; the file it made is pinned by
 * {@link PackedTextTest}.
 */
final class PackingDictionaryTrainer {
    /** The dictionary's size: 32 KiB packed the benchmark's texts best of 16, 32 and 64. */
    static final int DICTIONARY_BYTES = 32 * 1024;
    /** The most sample bytes the trainer is given. */
    private static final int SAMPLE_BYTES_MAX = 16 * 1024 * 1024;

    private PackingDictionaryTrainer() {
    }

    /**
     * Trains a dictionary on the texts of the ledger {@code arguments[0]} and writes it to {@code
     * arguments[1]}.
     */
    public static void main(String[] arguments) throws Exception {
        if (arguments.length != 2) {
            throw new IllegalArgumentException("usage: PackingDictionaryTrainer LEDGER.db OUTPUT.dict");
        }
        List<byte[]> texts = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + Path.of(arguments[0]))) {
            var sql = DSL.using(connection, SQLDialect.SQLITE);
            List<String> tables = sql.fetch("SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c"
                    + " WHERE m.type = 'table' AND c.name = 'body' ORDER BY m.name").getValues(0, String.class);
            for (String table : tables) {
                for (var row : sql.select(DSL.field(DSL.name("body"), byte[].class)).from(DSL.table(DSL.name(table)))
                        .fetch()) {
                    texts.add(PackedText.unpack(row.value1()));
                }
            }
        }
        Collections.shuffle(texts, new Random(7));
        ZstdDictTrainer trainer = new ZstdDictTrainer(SAMPLE_BYTES_MAX, DICTIONARY_BYTES);
        int given = 0;
        for (byte[] text : texts) {
            if (!trainer.addSample(text)) {
                break;
            }
            given++;
        }
        byte[] dictionary = trainer.trainSamples();
        Files.write(Path.of(arguments[1]), dictionary);
        System.out.printf("%d of %d texts given, a dictionary of %d bytes written to %s%n", given, texts.size(),
                dictionary.length, arguments[1]);
    }
}
