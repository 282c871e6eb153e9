package dev.intriguing.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CsvKillTests}: writes a transfer table of 40,000 rows with {@link TransferResult#toCsv}
 * to {@code args[0]} again and again, every row of version N named {@code vN}, and prints {@code committed N} after
 * each, until it is killed.
 */
final class CsvWriterChild {
    static final int ROWS = 40_000;

    private CsvWriterChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        for (int version = 1; ; version++) {
            List<TransferResult.Row> rows = new ArrayList<>(ROWS);
            for (int i = 0; i < ROWS; i++) {
                rows.add(new TransferResult.Row("v" + version, TransferResult.Kind.values()[0], i * 1e-3, 100, 0.0612 + i,
                        List.of(0.25, 1.0 / (i + 3))));
            }
            new TransferResult("mnist-test", List.of("a", "b"), rows, version).toCsv(file);
            System.out.println("committed " + version);
            System.out.flush();
        }
    }
}
