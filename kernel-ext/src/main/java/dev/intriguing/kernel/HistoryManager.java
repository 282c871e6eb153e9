package dev.intriguing.kernel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.intriguing.datasets.api.AtomicFiles;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The kernel's input history, as Jupyter's history requests ask for it: every cell run with {@code store_history},
 * numbered by session (one per kernel process, counted up across restarts) and line (the cell's execution count),
 * with the text of its result; answered for {@code tail}, {@code range} and {@code search} (an SQLite glob, optionally
 * {@code unique}).
 *
 * <p>Sessions are kept in a small JSON file, by default {@code $XDG_DATA_HOME/intriguing/history.json}
 * ({@code ~/.local/share/intriguing/history.json}); {@code INTRIGUING_HISTORY} (or {@code -Dintriguing.history}) names
 * another file, or {@code off} for none. The file holds at most {@link #MAX_CELLS} cells and {@link #MAX_CHARS}
 * characters, oldest dropped first. It is written through {@link AtomicFiles} under a lock file, merged with what other
 * kernels wrote meanwhile, and off the shell thread, so that recording never slows a cell down; at most once every
 * {@link #MIN_WRITE_INTERVAL_MS} ms (and once more on {@link #close()}), because a full file is 0.7 MB of JSON to
 * read, merge and write again, which run after every cell took as much CPU as the cells themselves. A file that cannot be
 * read is moved aside to {@code history.json.damaged} and history starts over; one that cannot be written leaves the
 * history in memory only.
 *
 * <pre>{@code
 * HistoryManager h = new HistoryManager(Path.of("/tmp/history.json"), UnaryOperator.identity());
 * h.record(1, "int x = 6 * 7;"); h.record(2, "x"); h.output("42");
 * h.search("x", 0, false)      // [Cell[session=1, line=2, input=x, output=42]]
 * }</pre>
 */
public final class HistoryManager implements io.github.spencerpark.jupyter.kernel.history.HistoryManager {
    /** Most cells kept in the file, all sessions together. */
    static final int MAX_CELLS = 5_000;
    /** Most characters of input and output kept in the file, all cells together. */
    static final int MAX_CHARS = 1_000_000;
    /** A result's text is kept up to this length: history is for finding code again, not for storing outputs. */
    static final int MAX_OUTPUT_CHARS = 2_000;
    /**
     * Least time between two writes of the file. A kernel running cells back to back (a notebook, {@code bench kernel}'s
     * 300 {@code 1+1} cells) then writes once a second instead of after each cell; a kernel killed outright loses at
     * most this much of its latest history.
     */
    static final long MIN_WRITE_INTERVAL_MS = 1_000;
    private static final int FORMAT = 1;
    /** One lock in this JVM too: a process cannot take a second {@link FileLock} on a file it already locks. */
    private static final Object JVM_LOCK = new Object();
    private static final Logger LOG = Logger.getLogger(HistoryManager.class.getName());

    /** One executed cell; {@code output} is the text of its result, or {@code null}. */
    public record Cell(int session, int line, String input, String output) {
    }

    private final Path file;
    private final UnaryOperator<String> transform;
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private List<Cell> cells = new ArrayList<>();
    private int lastSession;
    private int session;
    private int openLine = -1;
    private boolean loaded;
    private boolean warned;
    private ScheduledExecutorService writer;
    /** The write waiting for its turn, or {@code null}; {@link #close()} runs it at once. */
    private ScheduledFuture<?> pendingWrite;
    /** When the last write began, on {@link System#nanoTime()}'s clock. */
    private long lastWriteNanos;
    /**
     * The file as this kernel last wrote it (its identity, size and time) with what it held, so that the next write
     * need not read and parse it again when no other kernel wrote in between; {@code null} before the first write.
     */
    private Written written; // read and written under JVM_LOCK only

    /**
     * @param file      the history file, or {@code null} to keep history in memory only
     * @param transform what a cell's raw text becomes before it runs (the magics rewritten), for requests with
     *                  {@code raw: false}
     */
    public HistoryManager(Path file, UnaryOperator<String> transform) {
        this.file = file;
        this.transform = transform;
    }

    /** The history file of this user: {@code INTRIGUING_HISTORY}, else under {@code XDG_DATA_HOME}; null when off. */
    public static Path defaultFile() {
        String named = System.getProperty("intriguing.history", System.getenv("INTRIGUING_HISTORY"));
        if (named != null) {
            return named.isBlank() || named.equalsIgnoreCase("off") ? null : Path.of(named).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        // The XDG spec says to ignore a relative XDG_DATA_HOME.
        Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("intriguing").resolve("history.json");
    }

    /** The file this history is kept in, or {@code null}. */
    public Path file() {
        return file;
    }

    /**
     * Records that cell {@code line} with text {@code input} starts running. The first cell of a kernel takes the next
     * session number from the file.
     */
    public void record(int line, String input) {
        boolean first;
        synchronized (this) {
            load();
            first = session == 0;
        }
        if (first) {
            // outside this object's lock: the file lock is always taken first, then this one
            claimSession();
        }
        synchronized (this) {
            cells.add(new Cell(session, line, input, null));
            openLine = line;
            persistLater();
        }
    }

    /** Sets the result text of the cell recorded last; ignored when none is running. */
    public synchronized void output(String text) {
        if (openLine < 0 || text == null) {
            return;
        }
        String kept = text.length() > MAX_OUTPUT_CHARS ? text.substring(0, MAX_OUTPUT_CHARS) + "..." : text;
        for (int i = cells.size() - 1; i >= 0; i--) {
            Cell c = cells.get(i);
            if (c.session() == session && c.line() == openLine) {
                cells.set(i, new Cell(c.session(), c.line(), c.input(), kept));
                persistLater();
                return;
            }
        }
    }

    /** Marks the end of the running cell: later results belong to no cell. */
    public synchronized void endCell() {
        openLine = -1;
    }

    /** This kernel's session number (the one its first cell will take, before it has one). */
    public synchronized int session() {
        load();
        return session != 0 ? session : lastSession + 1;
    }

    /** The last {@code n} cells of every session, oldest first; {@code n <= 0} means all. */
    public synchronized List<Cell> tail(int n) {
        load();
        return last(cells, n);
    }

    /**
     * The cells of session {@code sessionNumber} with lines from {@code start} up to {@code stop} (exclusive; {@code
     * stop <= 0}: to the end). A positive session is a session number, 0 is this kernel's, -1 the one before, and so
     * on, as in IPython.
     */
    public synchronized List<Cell> range(int sessionNumber, int start, int stop) {
        int s = sessionNumber > 0 ? sessionNumber : session() + sessionNumber;
        return cells.stream().filter(c -> c.session() == s && c.line() >= start && (stop <= 0 || c.line() < stop))
                .toList();
    }

    /**
     * The last {@code n} cells ({@code n <= 0}: all) whose whole input matches the glob {@code pattern}: {@code *}
     * any text, {@code ?} one character, {@code [a-z]} and {@code [^0-9]} one of or none of; case counts, as in
     * SQLite's GLOB. With {@code unique}, each input once, at its latest run.
     */
    public synchronized List<Cell> search(String pattern, int n, boolean unique) {
        load();
        Pattern regex = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Cell> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = cells.size() - 1; i >= 0; i--) {
            Cell c = cells.get(i);
            if (regex.matcher(c.input()).matches() && (!unique || seen.add(c.input()))) {
                found.add(c);
            }
        }
        Collections.reverse(found);
        return last(found, n);
    }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return entries(tail(length), flags);
    }

    @Override
    public List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell, Set<ResultFlag> flags) {
        return entries(range(sessionOffset, startCell, endCell), flags);
    }

    @Override
    public List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        return entries(search(pattern, length, flags.contains(ResultFlag.UNIQUE)), flags);
    }

    /** Writes what is not written yet and stops the writer; waits at most a few seconds. */
    public void close() {
        ScheduledExecutorService w;
        synchronized (this) {
            w = writer;
            writer = null;
            if (w != null && pendingWrite != null && pendingWrite.cancel(false)) {
                // the write that waits for its turn goes now, so that closing takes no longer than one write
                pendingWrite = null;
                writeQueued.set(false);
                w.execute(this::writeNow);
            }
        }
        if (w != null) {
            w.shutdown();
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<HistoryEntry> entries(List<Cell> found, Set<ResultFlag> flags) {
        boolean transformed = flags.contains(ResultFlag.TRANSFORMED_INPUT);
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> out = new ArrayList<>(found.size());
        for (Cell c : found) {
            String input = transformed ? transformed(c.input()) : c.input();
            // basekernel's contract: an empty string, never null, when output was asked for and there is none.
            out.add(withOutput ? new HistoryEntry(c.session(), c.line(), input, c.output() == null ? "" : c.output())
                    : new HistoryEntry(c.session(), c.line(), input));
        }
        return out;
    }

    private String transformed(String input) {
        try {
            return transform.apply(input);
        } catch (RuntimeException e) {
            // a cell whose magic line does not parse ran as it was typed
            return input;
        }
    }

    private static <T> List<T> last(List<T> list, int n) {
        return n <= 0 || n >= list.size() ? List.copyOf(list) : List.copyOf(list.subList(list.size() - n, list.size()));
    }

    /** SQLite's GLOB as a regular expression over the whole text, newlines included. */
    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            int close = ch == '[' ? glob.indexOf(']', i + 2) : -1;
            if (ch == '*') {
                re.append(".*");
            } else if (ch == '?') {
                re.append('.');
            } else if (close > 0) {
                // "[]...]" and "[^]...]": a ']' right after the opening is one of the characters, as in SQLite
                re.append('[');
                int j = i + 1;
                if (glob.charAt(j) == '^') {
                    re.append('^');
                    j++;
                }
                for (; j < close; j++) {
                    char k = glob.charAt(j);
                    // a backslash before any character that is not a letter or digit makes it literal in a class
                    re.append(k == '-' || Character.isLetterOrDigit(k) ? "" : "\\").append(k);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    // -- the file --------------------------------------------------------------------------------------------------

    private record Snapshot(int lastSession, List<Cell> cells) {
        static final Snapshot EMPTY = new Snapshot(0, List.of());
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            Snapshot s = read(file);
            cells = new ArrayList<>(s.cells());
            lastSession = s.lastSession();
        } catch (IOException | RuntimeException e) {
            // moved aside when this kernel first writes (under the lock); until then history starts empty
            warn("could not read " + file + " (" + e.getMessage() + ")");
        }
    }

    /** Takes the next session number under the lock and writes it, so that two kernels never share one. */
    private void claimSession() {
        if (file != null) {
            try {
                locked(disk -> {
                    lastWriteNanos = System.nanoTime();
                    lastSession = Math.max(lastSession, disk.lastSession());
                    session = ++lastSession;
                    merge(disk);
                });
                return;
            } catch (IOException | RuntimeException e) {
                warn("could not write " + file + " (" + e.getMessage() + "); history stays in memory");
            }
        }
        synchronized (this) {
            if (session == 0) {
                session = ++lastSession;
            }
        }
    }

    /** Queues a write of the file, unless one is queued: at once, or when the last is {@link #MIN_WRITE_INTERVAL_MS} old. */
    private synchronized void persistLater() {
        if (file == null || !writeQueued.compareAndSet(false, true)) {
            return;
        }
        if (writer == null) {
            writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "intriguing-history");
                t.setDaemon(true);
                return t;
            });
        }
        long waitNanos = lastWriteNanos == 0 ? 0
                : TimeUnit.MILLISECONDS.toNanos(MIN_WRITE_INTERVAL_MS) - (System.nanoTime() - lastWriteNanos);
        pendingWrite = writer.schedule(this::writeNow, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    }

    private void writeNow() {
        synchronized (this) {
            writeQueued.set(false);
            pendingWrite = null;
            lastWriteNanos = System.nanoTime();
        }
        try {
            locked(this::merge);
        } catch (IOException | RuntimeException e) {
            warn("could not write " + file + " (" + e.getMessage() + "); history stays in memory");
        }
    }

    /** Under the lock file: reads what the file holds now, lets {@code update} merge it, writes the result. */
    private void locked(IoConsumer<Snapshot> update) throws IOException {
        synchronized (JVM_LOCK) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                Snapshot disk = Snapshot.EMPTY;
                if (Files.exists(file)) {
                    try {
                        Written w = written;
                        disk = w != null && w.sameFile(file) ? w.content() : read(file);
                    } catch (IOException | RuntimeException e) {
                        Path aside = file.resolveSibling(file.getFileName() + ".damaged");
                        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                        warn("moved the unreadable " + file + " to " + aside + " (" + e.getMessage() + ")");
                    }
                }
                Snapshot content;
                synchronized (this) {
                    update.accept(disk);
                    content = new Snapshot(lastSession, List.copyOf(cells));
                }
                // serialised outside this object's lock: the shell thread records the next cell meanwhile
                String json = toJson(content);
                written = null;
                AtomicFiles.writeString(file, json);
                written = new Written(Files.readAttributes(file, BasicFileAttributes.class), content);
            }
        }
    }

    /**
     * The file as a write left it. Each write renames a new file into place, so another kernel's write changes the
     * file's identity (its inode) as well as, almost surely, its time; size and time guard against a reused inode.
     */
    private record Written(BasicFileAttributes attributes, Snapshot content) {
        boolean sameFile(Path file) throws IOException {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() != null && Objects.equals(attributes.fileKey(), now.fileKey())
                    && attributes.size() == now.size() && attributes.lastModifiedTime().equals(now.lastModifiedTime());
        }
    }

    /** The other sessions' cells as the file has them now, and this session's as this kernel has them. */
    private void merge(Snapshot disk) {
        lastSession = Math.max(lastSession, disk.lastSession());
        List<Cell> all = new ArrayList<>(disk.cells().stream().filter(c -> c.session() != session).toList());
        all.addAll(cells.stream().filter(c -> c.session() == session).toList());
        all.sort(Comparator.comparingInt(Cell::session).thenComparingInt(Cell::line));
        long chars = all.stream().mapToLong(HistoryManager::chars).sum();
        int drop = 0;
        while (all.size() - drop > 1 && (all.size() - drop > MAX_CELLS || chars > MAX_CHARS)) {
            chars -= chars(all.get(drop++));
        }
        cells = new ArrayList<>(all.subList(drop, all.size()));
    }

    private static long chars(Cell c) {
        return c.input().length() + (c.output() == null ? 0 : c.output().length());
    }

    private static String toJson(Snapshot content) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("last_session", content.lastSession());
        JsonArray list = new JsonArray();
        for (Cell c : content.cells()) {
            JsonArray a = new JsonArray();
            a.add(c.session());
            a.add(c.line());
            a.add(c.input());
            a.add(c.output());
            list.add(a);
        }
        root.add("cells", list);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static Snapshot read(Path file) throws IOException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("not a history file: " + e.getMessage(), e);
        }
        if (!root.has("format") || root.get("format").getAsInt() != FORMAT) {
            throw new IOException("unknown history format " + root.get("format"));
        }
        List<Cell> cells = new ArrayList<>();
        int last = root.get("last_session").getAsInt();
        for (JsonElement e : root.getAsJsonArray("cells")) {
            JsonArray a = e.getAsJsonArray();
            int s = a.get(0).getAsInt();
            cells.add(new Cell(s, a.get(1).getAsInt(), a.get(2).getAsString(), a.get(3).isJsonNull() ? null : a.get(3).getAsString()));
            last = Math.max(last, s);
        }
        return new Snapshot(last, cells);
    }

    private synchronized void warn(String what) {
        // once per kernel, to the kernel's log: System.err may be the running cell's output
        if (!warned) {
            warned = true;
            LOG.warning("intriguing: history: " + what);
        }
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}
