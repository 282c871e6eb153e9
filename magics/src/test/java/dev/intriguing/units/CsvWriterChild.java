package dev.intriguing.units;

import java.nio.file.Path;

/**
 * The child process of {@link CsvKillTests}: writes a CSV of {@link #ROWS} rows through the writer behind
 * {@code UnitsResult.toCsv} and {@code UnitsScore.toCsv} ({@link UnitsResult.Csv#write}, which streams its rows) to
 * {@code args[0]} again and again, every row of version N starting with {@code vN}, and prints {@code committed N}
 * after each, until it is killed.
 */
final class CsvWriterChild {
    static final int ROWS = 100_000;
    static final String HEADER = "version,row,projection";

    private CsvWriterChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        for (int version = 1; ; version++) {
            String v = "v" + version;
            UnitsResult.Csv.write(file, HEADER, w -> {
                for (int i = 0; i < ROWS; i++) {
                    w.write(v + "," + i + "," + Math.sqrt(i + 0.5) + "\n");
                }
            });
            System.out.println("committed " + version);
            System.out.flush();
        }
    }
}
