package dev.intriguing.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory of this process outside the Java heap, from {@code /proc/self/smaps}: what a native leak (an
 * NDArray never closed) grows, and what the heap touching fresh pages of its young generation does not.
 */
final class ResidentMemory {
    private record Vma(long start, long end, boolean anonymous, long rssKb) {
    }

    private ResidentMemory() {
    }

    /** Resident bytes outside the Java heap's reserved address range. */
    static long outsideHeap() throws IOException {
        List<Vma> vmas = new ArrayList<>();
        long start = 0;
        long end = 0;
        boolean anonymous = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.split("\\s+");
                String[] range = f[0].split("-");
                start = Long.parseUnsignedLong(range[0], 16);
                end = Long.parseUnsignedLong(range[1], 16);
                anonymous = f.length < 6;
            } else if (line.startsWith("Rss:")) {
                vmas.add(new Vma(start, end, anonymous, Long.parseLong(line.replaceAll("[^0-9]", ""))));
            }
        }
        long total = vmas.stream().mapToLong(Vma::rssKb).sum();
        return (total - heapKb(vmas)) * 1024;
    }

    /** The heap: the run of adjacent anonymous mappings whose span is (nearly) the maximum heap size. */
    private static long heapKb(List<Vma> vmas) {
        long max = Runtime.getRuntime().maxMemory();
        for (int i = 0; i < vmas.size(); i++) {
            if (!vmas.get(i).anonymous()) {
                continue;
            }
            long rss = 0;
            for (int j = i; j < vmas.size() && vmas.get(j).anonymous()
                    && (j == i || vmas.get(j).start() == vmas.get(j - 1).end()); j++) {
                rss += vmas.get(j).rssKb();
                long span = vmas.get(j).end() - vmas.get(i).start();
                if (span > max) {
                    break;
                }
                if (span >= max - (64L << 20)) {
                    return rss;
                }
            }
        }
        throw new AssertionError("the Java heap's mapping was not found in /proc/self/smaps");
    }
}
