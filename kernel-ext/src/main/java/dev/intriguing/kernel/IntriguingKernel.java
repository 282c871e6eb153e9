package dev.intriguing.kernel;

import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Our IJava-compatible Jupyter kernel: JShell in this JVM, IJava's magic syntax, the project's magics and renderers
 * installed, and its packages imported.
 *
 * <p>This class is the glue, as IJava's {@code JavaKernel} is: {@link KernelStartup} imports the packages,
 * {@link CellEvaluator} runs cells, {@link ErrorFormatter} shows what went wrong, {@link ClasspathMagics} and the
 * {@link IntriguingExtension} bring the magics, {@link MagicDispatcher} runs them by name, {@link CodeAssist}
 * answers completion and inspection, {@link HistoryManager} keeps the history, and {@link ShellReplies} answers the
 * requests where basekernel's own replies fall short of the message spec.
 */
public class IntriguingKernel extends BaseKernel implements VariableBinder {
    private static volatile IntriguingKernel current;

    private final CellEvaluator evaluator = new CellEvaluator(call -> call instanceof CellMagicArgs c
            ? applyCellMagic(c.getName(), c.getArgs(), c.getBody()) : applyLineMagic(call.getName(), call.getArgs()));
    private final Magics magics = new Magics();
    private final ClasspathMagics classpathMagics = new ClasspathMagics(this::addToClasspath);
    private final CodeAssist assist;
    private final HistoryManager history = new HistoryManager(HistoryManager.defaultFile(), new MagicTransformer()::transform);
    private final ShellReplies replies = new ShellReplies(this, history, executionCount, KERNEL_META.get("project"),
            KERNEL_META.get("version"));
    private final IntriguingExtension extension;
    private final MagicDispatcher dispatcher;
    private final CompletableFuture<Void> startup;
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("Java").version(Runtime.version().toString())
            .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("java").build();

    public IntriguingKernel() {
        magics.registerMagics(classpathMagics);
        current = this;
        this.extension = IntriguingExtension.install(magics, this);
        this.dispatcher = new MagicDispatcher(magics, extension.specs());
        this.assist = new CodeAssist(evaluator::analysis, this::magicNames, dispatcher::help);
        this.startup = KernelStartup.start(evaluator, classpathMagics, this::formatError);
    }

    /** The kernel running in this JVM, or {@code null}. */
    public static IntriguingKernel current() {
        return current;
    }

    /** The registry of line and cell magics (IJava's name). */
    public Magics getMagics() {
        return magics;
    }

    /** The session shared by magics and code cells. */
    public Session session() {
        return extension.session();
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: Intriguing kernel (IJava-compatible) on jupyter-jvm-basekernel "
                + KERNEL_META.getOrDefault("version", "2.3.0") + "\nType %intriguing for the magics.";
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        replies.install(connection);
    }

    @Override
    public HistoryManager getHistoryManager() {
        return history;
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        long started = System.nanoTime();
        try {
            Object result = evalRaw(code);
            if (result == null) {
                return null;
            }
            DisplayData shown = result instanceof DisplayData d ? d : getRenderer().render(result);
            Object text = shown.getData(MIMEType.TEXT_PLAIN);
            history.output(text == null ? null : text.toString());
            return shown;
        } finally {
            // Native arrays a cell freed (or an interrupt left to be freed) go back to the system before the reply,
            // not into malloc's free lists, where they stayed resident and grew the kernel call by call; only after
            // cells long enough to have done such work, so that short Java cells do not pay a trim.
            NativeMemory.trimAfter(System.nanoTime() - started);
        }
    }

    /**
     * Clears the running cell's output, now or ({@code wait}) when its next output arrives, as IPython's
     * {@code clear_output(wait)} does; for a cell run through a Jupyter connection.
     */
    public void clearOutput(boolean wait) {
        replies.clearOutput(wait);
    }

    /**
     * Runs a cell and returns the real object of its last expression (or {@code null}); may be called from inside a
     * running cell, as IJava's {@code evalRaw} can.
     */
    public Object evalRaw(String code) throws Exception {
        awaitStartup();
        return evaluator.eval(code);
    }

    @Override
    public void defineVariable(String name, String declaration) {
        evaluator.defineVariable(name, declaration);
    }

    /** Runs line magic {@code name}; an unknown name lists the known ones. */
    public <T> T applyLineMagic(String name, List<String> args) throws Exception {
        return dispatcher.line(name, args);
    }

    /** Runs cell magic {@code name} on {@code body}; an unknown name lists the known ones. */
    public <T> T applyCellMagic(String name, List<String> args, String body) throws Exception {
        return dispatcher.cell(name, args, body);
    }

    /** Every magic name (and alias) this kernel answers to. */
    public List<String> magicNames() {
        return dispatcher.names();
    }

    /** Adds a jar or directory to the compile and run class path of code cells. */
    public void addToClasspath(String path) {
        awaitStartup();
        evaluator.addToClasspath(path);
    }

    @Override
    public List<String> formatError(Exception e) {
        return ErrorFormatter.format(e, super::formatError);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitStartup();
        return assist.inspect(code, at);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitStartup();
        return assist.complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        awaitStartup();
        return switch (evaluator.completeness(code)) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (current == this) {
            current = null;
        }
        IntriguingExtension.uninstall(this);
        evaluator.close();
        history.close();
    }

    private void awaitStartup() {
        // The startup thread and cell threads (which run only inside an evaluation) must not wait for startup.
        if (!Thread.currentThread().getName().startsWith("intriguing-")) {
            startup.join();
        }
    }

    @Override
    public String toString() {
        return "IntriguingKernel[" + String.join(File.pathSeparator, magicNames()) + "]";
    }
}
