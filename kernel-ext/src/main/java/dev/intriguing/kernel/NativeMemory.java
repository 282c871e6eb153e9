package dev.intriguing.kernel;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives the C heap's free memory back to the system after a cell, with glibc's {@code malloc_trim(0)}.
 *
 * <p>Why: MXNet 1.9 (DJL's native build) keeps no CPU memory pool of its own (its CPU storage is
 * {@code NaiveStorageManager<CPUDeviceStorage>}, which frees each array at once; the {@code MXNET_CPU_MEM_POOL_*}
 * variables of later MXNet do not exist in it), so a closed NDArray goes straight back to glibc's {@code free}. glibc
 * then keeps it: an array above the mmap threshold raises that threshold to its size when freed, so the next arrays
 * of that size come from the malloc arenas, and memory freed inside an arena stays resident until something trims it.
 * Attacks whose batches shrink as examples finish and trainings that allocate per batch leave such free holes behind
 * on each call, so a kernel's resident memory crept up with repetition while the Java heap and the live native arrays
 * stayed flat. {@code malloc_trim(0)} returns every free page of every arena. Its cost grows with what it returns: over
 * {@code bench memory} (220 magic calls) it took 67 ms a call on average (wall time, load 10.5 on 2 cores), and the
 * kernel used 157 s of CPU against 141 s without it; the memory outside the Java heap grew by 79 MB instead of 177 MB,
 * and the live NDArrays not at all.
 *
 * <p>Where the C library has no {@code malloc_trim} (not glibc), or JNA (which DJL's MXNet engine brings) cannot be
 * loaded, {@link #trim()} does nothing.
 */
public final class NativeMemory {
    private static final Function MALLOC_TRIM = find("malloc_trim");
    private static final AtomicLong TRIMS = new AtomicLong();
    private static final AtomicLong TRIM_NANOS = new AtomicLong();

    private NativeMemory() {
    }

    private static Function find(String name) {
        try {
            return NativeLibrary.getInstance("c").getFunction(name);
        } catch (UnsatisfiedLinkError | RuntimeException | NoClassDefFoundError e) {
            return null;
        }
    }

    /** Whether {@link #trim()} can return memory here (glibc, with JNA loadable). */
    public static boolean available() {
        return MALLOC_TRIM != null;
    }

    /**
     * Returns the C heap's free pages to the system; {@code true} when glibc released any.
     *
     * <p>Safe from any thread and at any time: glibc locks each arena while it trims it.
     */
    public static boolean trim() {
        if (MALLOC_TRIM == null) {
            return false;
        }
        long t0 = System.nanoTime();
        int released = MALLOC_TRIM.invokeInt(new Object[] {0L});
        TRIM_NANOS.addAndGet(System.nanoTime() - t0);
        TRIMS.incrementAndGet();
        return released != 0;
    }

    /** Cells shorter than this (nanoseconds) end without a trim. */
    static final long SHORT_CELL_NANOS = 100_000_000L;

    /**
     * Trims (as {@link #trim()}) after a cell that ran at least {@value #SHORT_CELL_NANOS} ns: cells that free native
     * memory (a training, an attack, a data set, anything interrupted) run for far longer, and there a trim of tens of
     * milliseconds is a small share; a short Java cell ({@code 1+1} answers in about 30 ms) would pay as much again
     * for nothing. Memory a short cell frees is returned at the end of the next long one. {@code true} when it trimmed.
     * (malloc's own statistics cannot decide it: {@code mallinfo2} counts free chunks whether or not their pages are
     * still resident, so it reads the same just after a trim.)
     */
    public static boolean trimAfter(long cellNanos) {
        if (MALLOC_TRIM == null || cellNanos < SHORT_CELL_NANOS) {
            return false;
        }
        trim();
        return true;
    }

    /** How many trims ran in this JVM. */
    public static long trims() {
        return TRIMS.get();
    }

    /** The mean time of one trim in milliseconds (0 before the first). */
    public static double meanTrimMillis() {
        long n = TRIMS.get();
        return n == 0 ? 0 : TRIM_NANOS.get() / 1e6 / n;
    }

    /**
     * Bytes of every NDArray that DJL's managers in this JVM still hold: what an unclosed manager or a cached array
     * grows, and what freed memory kept by malloc does not.
     */
    public static long liveArrayBytes() {
        try (NDManager m = NDManager.newBaseManager()) {
            return ((BaseNDManager) m.getParentManager()).getManagedArrays().stream()
                    .mapToLong(a -> a.size() * a.getDataType().getNumOfBytes()).sum();
        }
    }
}
