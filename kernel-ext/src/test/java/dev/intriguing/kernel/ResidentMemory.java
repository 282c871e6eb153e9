package dev.intriguing.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resident memory of this process outside the Java heap, from {@code /proc/self/smaps}: what a native leak (an
 * NDArray never closed) grows, and what the heap touching fresh pages of its young generation does not.
 */
final class ResidentMemory {
    private record Vma(long start, long end, boolean anonymous, String name, long rssKb) {
    }

    private ResidentMemory() {
    }

    /**
     * Resident bytes outside the Java heap by what is mapped: a file's path, {@code [stack]} and the like, or
     * {@code [anonymous]} for the rest (malloc's arenas, metaspace, the JIT's code). The values add up to the resident
     * bytes outside the heap's reserved address range; apart, they tell what grew.
     */
    static Map<String, Long> outsideHeapByMapping() throws IOException {
        List<Vma> vmas = mappings();
        Map<String, Long> by = new TreeMap<>();
        for (Vma v : vmas) {
            by.merge(v.name().isEmpty() ? "[anonymous]" : v.name(), v.rssKb() * 1024, Long::sum);
        }
        by.merge("[anonymous]", -heapKb(vmas) * 1024, Long::sum);
        return by;
    }

    /** The mappings whose resident bytes changed by 1 MiB or more from {@code before} to {@code after}, in MiB. */
    static String growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changed = new TreeMap<>();
        after.forEach((name, bytes) -> changed.put(name, bytes - before.getOrDefault(name, 0L)));
        before.forEach((name, bytes) -> changed.putIfAbsent(name, -bytes));
        changed.values().removeIf(d -> Math.abs(d) < 1L << 20);
        changed.replaceAll((name, d) -> d >> 20);
        return changed.toString();
    }

    private static List<Vma> mappings() throws IOException {
        List<Vma> vmas = new ArrayList<>();
        long start = 0;
        long end = 0;
        boolean anonymous = false;
        String name = "";
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.split("\\s+");
                String[] range = f[0].split("-");
                start = Long.parseUnsignedLong(range[0], 16);
                end = Long.parseUnsignedLong(range[1], 16);
                anonymous = f.length < 6;
                name = anonymous ? "" : f[5];
            } else if (line.startsWith("Rss:")) {
                vmas.add(new Vma(start, end, anonymous, name, Long.parseLong(line.replaceAll("[^0-9]", ""))));
            }
        }
        return vmas;
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
