package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.magics.MagicCatalog;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Cells through our kernel, in process: values, magics, errors, interrupts, completion. One kernel for the class. */
class IntriguingKernelTests {
    private static CellRunner cells;

    @BeforeAll
    static void startKernel() {
        cells = new CellRunner();
    }

    @AfterAll
    static void stopKernel() {
        cells.close();
    }

    @Test
    void lastExpressionIsTheRealObject() throws Exception {
        assertEquals(2, cells.exec("int a = 1;\na + 1"));
        assertInstanceOf(Table.class, cells.exec("Table.create(\"t\")"));
    }

    @Test
    void tablesRenderAsHtmlWithATextFallback() throws Exception {
        CellRunner.Output out = cells.execRendered("Table.create(\"counts\").addColumns(IntColumn.create(\"n\", 3, 4))");
        assertTrue(out.first(MIMEType.TEXT_HTML).contains("<table"), out.first(MIMEType.TEXT_HTML));
        assertTrue(out.first(MIMEType.TEXT_PLAIN).contains("counts"));
    }

    @Test
    void datasetMagicShowsAPngGridAndAnHtmlTable() throws Exception {
        CellRunner.Output out = cells.execRendered("%dataset mnist --split test --limit 16");
        assertNull(out.value(), "a magic's value is not the cell's value (IJava convention)");
        assertTrue(out.has(MIMEType.IMAGE_PNG));
        String html = out.first(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("count"), html);
        assertTrue(out.first(MIMEType.TEXT_PLAIN).contains("16 images"));
    }

    @Test
    void datasetMagicBindsATypedVariableForLaterSnippets() throws Exception {
        Object size = cells.exec("%dataset mnist --split test --limit 50 --as small\nsmall.size()");
        assertEquals(50, size);
        assertInstanceOf(ImageSet.class, cells.exec("small"));
        assertEquals(50, cells.kernel().session().get("small", ImageSet.class, "image set").size());
    }

    @Test
    void theStockIJavaInstallLineRunsHereAndKeepsTheSession() throws Exception {
        cells.exec("%dataset mnist --split test --limit 5 --as kept");
        Object ext = cells.exec("dev.intriguing.kernel.IntriguingExtension.install(getKernelInstance().getMagics(), getKernelInstance())");
        assertEquals(cells.kernel().session(), ((IntriguingExtension) ext).session());
        assertEquals(5, cells.exec("kept.size()"));
    }

    @Test
    void javasTheCataloguesAndTheKernelsPackagesAreImported() throws Exception {
        assertTrue(KernelStartup.imports().containsAll(MagicCatalog.imports()));
        assertTrue(KernelStartup.imports().containsAll(List.of("java.util.*", "static dev.intriguing.kernel.Notebook.*")));
        assertEquals(11, cells.exec("List.of(ImageSet.class, Session.class, Progress.class, ImageGrid.class, Table.class,"
                + " XYChart.class, TrainedModel.class, NDArray.class, DataType.class, AttackResult.class, BufferedImage.class).size()"));
    }

    @Test
    void magicValueCanBeAssigned() throws Exception {
        assertEquals(10, cells.exec("Table t = %intriguing\nt.rowCount() * 0 + 10"));
    }

    @Test
    void usageErrorIsOneParagraphAndTheNextCellRuns() throws Exception {
        String err = cells.execError("%dataset mnist --limit zero");
        assertTrue(err.startsWith("%dataset: --limit expects a whole number"), err);
        assertTrue(err.contains("Example: %dataset"), err);
        assertEquals(1, err.lines().count(), err);
        assertEquals(3, cells.exec("1 + 2"));
    }

    @Test
    void unknownDataSetAndUnknownMagicListWhatIsKnown() {
        assertTrue(cells.execError("%dataset cifar").contains("expected one of mnist, fashion-mnist"));
        String err = cells.execError("%nosuchmagic 1");
        assertTrue(err.contains("Unknown magic %nosuchmagic") && err.contains("%dataset"), err);
    }

    @Test
    void cellMagicGetsItsArgumentsAndTheRestOfTheCell() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        cells.kernel().getMagics().registerCellMagic("note", (args, body) -> {
            seen.add(args + "|" + body);
            return null;
        });
        assertNull(cells.execRendered("%%note a \"b c\"\nline 1\n%dataset is not a magic here").value());
        assertEquals(List.of("[a, b c]|line 1\n%dataset is not a magic here"), seen);
    }

    @Test
    void unknownCellMagicIsOneParagraphToo() {
        String err = cells.execError("%%nosuchcell a b\nbody line");
        assertTrue(err.startsWith("Unknown magic %%nosuchcell: expected one of %intriguing"), err);
    }

    @Test
    void exceptionInUserCodeShowsAShortTraceAndKeepsTheKernel() throws Exception {
        String err = cells.execError("int[] xs = new int[2];\nxs[5]");
        assertTrue(err.startsWith("java.lang.ArrayIndexOutOfBoundsException"), err);
        assertTrue(err.lines().count() < 5, err);
        assertFalse(err.contains("jdk.internal"), err);
        assertEquals(2, cells.exec("xs.length"));
    }

    @Test
    void runningOutOfMemoryIsOneParagraphAndTheNextCellRuns() throws Exception {
        String err = cells.execError("long[] huge = new long[Integer.MAX_VALUE - 8];");
        assertTrue(err.startsWith("Out of memory ("), err);
        assertEquals(1, err.lines().count(), err);
        assertEquals(3, cells.exec("1 + 2"));
    }

    @Test
    void compileErrorNamesTheProblemAndPointsAtIt() {
        String err = cells.execError("int n = \"text\";");
        assertTrue(err.contains("incompatible types"), err);
        assertTrue(err.contains("^"), err);
        assertFalse(err.contains("at "), err);
    }

    /**
     * Interrupts until {@code running} ends (at most 20 s): on a loaded machine the cell may still be compiling after
     * the test's pause, and an interrupt that arrives before its cell runs is ignored by design.
     */
    private static String interruptUntilDone(CompletableFuture<String> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            cells.kernel().interrupt();
            try {
                return running.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void interruptStopsALongCellAndTheNextCellRuns() throws Exception {
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> cells.execError("Thread.sleep(60_000);"));
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        String err = interruptUntilDone(running);
        assertTrue(err.contains("Interrupted"), err);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        assertEquals(4, cells.exec("2 + 2"));
    }

    @Test
    void interruptWaitsForALoopThatPollsTheFlagToFinish() throws Exception {
        cells.exec("java.util.concurrent.atomic.AtomicBoolean tidied = new java.util.concurrent.atomic.AtomicBoolean();");
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> cells.execError(
                "{\n    while (!Thread.currentThread().isInterrupted()) { Math.sqrt(2); }\n"
                + "    long t = System.nanoTime();\n    while (System.nanoTime() - t < 2_000_000_000L) { Math.sqrt(3); }\n"
                + "    tidied.set(true);\n}"));
        Thread.sleep(1500);
        assertTrue(interruptUntilDone(running).contains("Interrupted"));
        assertEquals(true, cells.exec("tidied.get()"), "the cell's loop ended before the next cell ran");
    }

    @Test
    void displayHelperPublishesFromACell() throws Exception {
        CellRunner.Output out = cells.execRendered("display(Table.create(\"shown\"));\n7");
        assertEquals(1, out.displays().size());
        assertTrue(out.displays().get(0).hasDataForType(MIMEType.TEXT_HTML));
        assertEquals("7", out.value().getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void jarsMagicAddsJarsAndReturnsTheirPaths() throws Exception {
        String jar = Classpath.current().stream().map(Object::toString).filter(p -> p.contains("gson")).findFirst().orElseThrow();
        Object added = cells.exec("List<String> added = %jars " + jar + "\nadded");
        assertEquals(List.of(jar), added);
        String err = cells.execError("%jars /no/such/*.jar");
        assertTrue(err.startsWith("%jars: nothing matches /no/such/*.jar"), err);
    }

    @Test
    void completionKnowsMagicsAndJava() {
        ReplacementOptions magic = cells.kernel().complete("%data", 5);
        assertTrue(magic.getReplacements().contains("dataset"), magic.getReplacements().toString());
        ReplacementOptions java = cells.kernel().complete("Math.ab", 7);
        assertTrue(java.getReplacements().stream().anyMatch(s -> s.startsWith("abs")), java.getReplacements().toString());
    }

    /**
     * A leak grows memory on every call: each of two runs of 100 calls would add as much. The test JVM also runs other
     * test classes, whose leftover threads, and the JIT compiling in the background, may take native memory once
     * while one run goes on; so the bound holds for the smaller of the two runs' growths, each read after a full
     * collection and malloc_trim (which returns free pages, never memory still in use). The NDArrays still open
     * are counted exactly.
     */
    @Test
    void repeatedDatasetMagicsDoNotGrowNativeMemory() throws Exception {
        String loop = "for (int i = 0; i < %d; i++) {\n    %%dataset mnist --limit 16\n}";
        cells.exec(String.format(loop, 20));
        long arrays = NativeMemory.liveArrayBytes();
        long[] read = new long[3];
        List<Map<String, Long>> by = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            if (run > 0) {
                cells.exec(String.format(loop, 100));
            }
            System.gc();
            NativeMemory.trim();
            by.add(ResidentMemory.outsideHeapByMapping());
            read[run] = by.get(run).values().stream().mapToLong(Long::longValue).sum();
        }
        assertEquals(arrays, NativeMemory.liveArrayBytes(), "bytes of NDArrays left open after 200 calls");
        long growth = Math.min(read[1] - read[0], read[2] - read[1]);
        assertTrue(growth < 32L << 20, "resident memory outside the heap grew by " + ((read[1] - read[0]) >> 20) + " and "
                + ((read[2] - read[1]) >> 20) + " MiB over two runs of 100 calls; by mapping: "
                + ResidentMemory.growth(by.get(0), by.get(2)));
        assertInstanceOf(ImageSet.class, cells.exec("mnist"));
    }

    @Test
    void aLongCellThatFreedNativeMemoryTrimsBeforeItAnswersAndShortCellsDoNot() throws Exception {
        assumeTrue(NativeMemory.available(), "not glibc");
        // a short cell does not pay a trim (asked directly: on a loaded machine even 1 + 1 may take 100 ms)
        long before = NativeMemory.trims();
        assertFalse(NativeMemory.trimAfter(TimeUnit.MILLISECONDS.toNanos(5)));
        assertEquals(before, NativeMemory.trims(), "a 5 ms cell trimmed");
        // 64 MiB of C heap touched and freed inside the cell, in blocks below the mmap threshold, as MXNet's arrays
        // are, under one block that stays (as a kept model's arrays do): free cannot shrink the heap from its top, so
        // they stay resident, and the cell's end trims them away, a failing cell's too
        String churn = "var blocks = new java.util.ArrayList<com.sun.jna.Memory>();\n"
                + "for (int i = 0; i < 1024; i++) { var m = new com.sun.jna.Memory(64 << 10); m.setMemory(0, m.size(), (byte) 1); blocks.add(m); }\n"
                + "pins.add(new com.sun.jna.Memory(64 << 10)); pins.get(pins.size() - 1).setMemory(0, 64 << 10, (byte) 1);\n"
                + "blocks.forEach(com.sun.jna.Memory::close); Thread.sleep(150);\n";
        cells.exec("var pins = new java.util.ArrayList<com.sun.jna.Memory>();");
        before = NativeMemory.trims();
        cells.execRendered(churn + "blocks.size()");
        assertEquals(before + 1, NativeMemory.trims());
        assertThrows(Exception.class, () -> cells.kernel().eval(churn + "%dataset cifar"));
        assertEquals(before + 2, NativeMemory.trims());
    }

    @Test
    void inspectionShowsSignatures() {
        DisplayData doc = cells.kernel().inspect("Math.abs(-1)", 6, false);
        assertTrue(String.valueOf(doc.getData(MIMEType.TEXT_PLAIN)).contains("abs("), String.valueOf(doc.getData(MIMEType.TEXT_PLAIN)));
    }

    @Test
    void inspectionFindsAMethodWithTheCursorInItsNameAfterItOrInsideItsCall() {
        for (String code : List.of("Math.max|", "Math.m|ax", "Math.|max", "Math.max(|", "Math.max(1, |", "Math.max|(1, 2)",
                "Math.max (|")) {
            int at = code.indexOf('|');
            DisplayData doc = cells.kernel().inspect(code.replace("|", ""), at, false);
            assertTrue(doc != null && String.valueOf(doc.getData(MIMEType.TEXT_PLAIN)).contains("int Math.max(int a, int b)"),
                    code + " -> " + (doc == null ? null : doc.getData(MIMEType.TEXT_PLAIN)));
        }
        assertTrue(String.valueOf(cells.kernel().inspect("String", 6, false).getData(MIMEType.TEXT_PLAIN))
                .contains("java.lang.String"));
        assertTrue(String.valueOf(cells.kernel().inspect("Math.max", 0, false).getData(MIMEType.TEXT_PLAIN))
                .startsWith("java.lang.Math"), "the cursor on the class name documents the class");
        assertNull(cells.kernel().inspect("noSuchNameAnywhere", 18, false));
        assertNull(cells.kernel().inspect("", 0, false));
    }

    @Test
    void inspectionOfAMagicShowsItsPurposeUsageAndExample() {
        String dataset = String.valueOf(cells.kernel().inspect("%dataset mnist --limit 10", 4, false).getData(MIMEType.TEXT_PLAIN));
        assertTrue(dataset.startsWith("%dataset: load a data set") && dataset.contains("\nUsage: %dataset NAME")
                && dataset.contains("\nExample: %dataset mnist"), dataset);
        String alias = String.valueOf(cells.kernel().inspect("int n = 1;\n%help", 16, false).getData(MIMEType.TEXT_PLAIN));
        assertTrue(alias.startsWith("%intriguing (also %help): "), alias);
        String jars = String.valueOf(cells.kernel().inspect("List<String> added = %jars lib/*.jar", 25, false)
                .getData(MIMEType.TEXT_PLAIN));
        assertTrue(jars.startsWith("%jars: add the jar files"), jars);
        assertNull(cells.kernel().inspect("%nosuchmagic", 5, false));
    }

    @Test
    void clearOutputOutsideAJupyterCellSaysWhatItNeeds() {
        String error = cells.execError("clearOutput();");
        assertTrue(error.contains("clearOutput() clears the output of a running cell"), error);
    }

    @Test
    void progressFromACellIsOneDisplay() throws Exception {
        CellRunner.Output out = cells.execRendered("var p = progress(\"loop\");\n"
                + "for (int i = 0; i < 200; i++) p.update(\"step \" + i, (i + 1) / 200.0);");
        assertEquals(1, out.displays().size());
        assertTrue(out.first(MIMEType.TEXT_PLAIN).startsWith("loop  ["), out.first(MIMEType.TEXT_PLAIN));
    }

    @Test
    void isCompleteTellsAnOpenBlockFromAFinishedStatement() {
        assertEquals("complete", cells.kernel().isComplete("%dataset mnist\nint x = 1;"));
        assertEquals("    ", cells.kernel().isComplete("for (int i = 0; i < 3; i++) {"));
    }
}
