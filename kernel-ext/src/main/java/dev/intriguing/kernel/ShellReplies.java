package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.comm.Comm;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our answers where basekernel 2.3.0's fall short of Jupyter's v5 message spec, set over its handlers on the
 * connection: the replies to {@code kernel_info}, {@code history}, {@code comm_info}, {@code shutdown} and
 * {@code interrupt} requests carry {@code status: ok} (basekernel leaves it out, and Jupyter's conformance suite rejects
 * such replies), history requests are answered (basekernel never replies, so the client waits until it times out),
 * and execute requests are recorded in the history and lend their reply environment to {@link #clearOutput}.
 *
 * <p>A cell that is only a name and a question mark ({@code Math.max?}, {@code %dataset?}) asks for help, as in IPython:
 * its reply carries the documentation as a pager payload. Every other cell still runs through basekernel's handler.
 */
final class ShellReplies {
    /** The protocol version basekernel 2.3.0 speaks and announces. */
    static final String PROTOCOL_VERSION = "5.3";
    /** {@code NAME?} or {@code NAME??}: a (dotted) Java name or a magic, then one or two question marks. */
    private static final Pattern HELP = Pattern.compile(
            "\\s*(%{0,2}[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(?:\\s*\\.\\s*[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*)\\s*\\?\\??\\s*");

    private final IntriguingKernel kernel;
    private final HistoryManager history;
    private final AtomicInteger executionCount;
    private final String implementation;
    private final String implementationVersion;
    private volatile ShellReplyEnvironment runningCell;

    /**
     * @param executionCount basekernel's execution count: what it gives the next execute request
     * @param implementation the {@code implementation} and {@code implementation_version} of the kernel_info reply
     */
    ShellReplies(IntriguingKernel kernel, HistoryManager history, AtomicInteger executionCount, String implementation,
            String implementationVersion) {
        this.kernel = kernel;
        this.history = history;
        this.executionCount = executionCount;
        this.implementation = implementation;
        this.implementationVersion = implementationVersion;
    }

    /** Sets our handlers on {@code connection}, over the ones basekernel set. */
    void install(JupyterConnection connection) {
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, msg) -> execute(execute, env, msg));
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> kernelInfo(env));
        connection.setHandler(MessageType.HISTORY_REQUEST, (env, msg) -> history(env, msg.getContent()));
        connection.setHandler(MessageType.COMM_INFO_REQUEST, (env, msg) -> commInfo(env, msg.getContent().getTargetName()));
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, (env, msg) -> shutdown(env, msg.getContent().isRestart()));
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> interrupt(env));
    }

    /**
     * Clears the output of the running cell, now or ({@code wait}) just before its next output arrives; what the cell
     * printed before is sent first, so it is cleared too.
     *
     * @throws IllegalStateException when no cell runs through a Jupyter connection
     */
    void clearOutput(boolean wait) {
        ShellReplyEnvironment env = runningCell;
        if (env == null) {
            throw new IllegalStateException("clearOutput() clears the output of a running cell; no cell is running");
        }
        kernel.getIO().out.flush();
        kernel.getIO().err.flush();
        env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private void execute(ShellHandler<ExecuteRequest> basekernel, ShellReplyEnvironment env, Message<ExecuteRequest> msg) {
        ExecuteRequest request = msg.getContent();
        // The protocol: silent implies no history; store_history false keeps a cell out of it.
        boolean record = request.shouldStoreHistory() && !request.isSilent();
        Matcher help = HELP.matcher(request.getCode());
        if (help.matches()) {
            page(env, request.getCode(), help.group(1).replaceAll("\\s", ""), record);
            return;
        }
        if (record) {
            history.record(executionCount.get(), request.getCode());
        }
        runningCell = env;
        try {
            basekernel.handle(env, msg);
        } finally {
            runningCell = null;
            history.endCell();
        }
    }

    /** Answers a help cell as IPython does: the documentation as a pager payload of the execute reply. */
    private void page(ShellReplyEnvironment env, String code, String name, boolean record) {
        int count = executionCount.getAndIncrement();
        if (record) {
            history.record(count, code);
        }
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(code, count));
        List<Object> payload = new ArrayList<>();
        DisplayData doc;
        try {
            doc = kernel.inspect(name, name.length(), true);
        } catch (RuntimeException e) {
            doc = null;
        }
        if (doc != null) {
            payload.add(Map.of("source", "page", "data", Map.of("text/plain", String.valueOf(doc.getData(MIMEType.TEXT_PLAIN))),
                    "start", 0));
        } else {
            env.writeToStdOut("Object `" + name + "` not found.\n");
        }
        Map<String, Object> content = ok();
        content.put("execution_count", count);
        content.put("payload", payload);
        content.put("user_expressions", Map.of());
        reply(env.defer(), MessageType.EXECUTE_REPLY, content);
        history.endCell();
    }

    private void kernelInfo(ShellReplyEnvironment env) {
        env.setBusyDeferIdle();
        Map<String, Object> content = ok();
        content.put("protocol_version", PROTOCOL_VERSION);
        content.put("implementation", implementation);
        content.put("implementation_version", implementationVersion);
        content.put("language_info", kernel.getLanguageInfo());
        content.put("banner", kernel.getBanner());
        if (kernel.getHelpLinks() != null) {
            content.put("help_links", kernel.getHelpLinks());
        }
        // JupyterLab asks for a debugger when the field is missing or true; we have none.
        content.put("debugger", false);
        reply(env, MessageType.KERNEL_INFO_REPLY, content);
    }

    private void history(ShellReplyEnvironment env, HistoryRequest request) {
        env.setBusyDeferIdle();
        Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(ResultFlag.INCLUDE_OUTPUT);
        }
        if (!request.useRaw()) {
            flags.add(ResultFlag.TRANSFORMED_INPUT);
        }
        List<HistoryEntry> found = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) {
                    flags.add(ResultFlag.UNIQUE);
                }
                yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        // The spec's triples, [session, line, input] or [session, line, [input, output]]: basekernel's serializer
        // for them is not registered where replies are written, so they would go out as objects.
        List<Object> triples = new ArrayList<>(found.size());
        for (HistoryEntry e : found) {
            Object text = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
            triples.add(List.of(e.getSession(), e.getCellNumber(), text));
        }
        Map<String, Object> content = ok();
        content.put("history", triples);
        reply(env, MessageType.HISTORY_REPLY, content);
    }

    private void commInfo(ShellReplyEnvironment env, String targetName) {
        env.setBusyDeferIdle();
        Map<String, Object> comms = new LinkedHashMap<>();
        for (Comm c : kernel.getCommManager()) {
            if (targetName == null || targetName.equals(c.getTargetName())) {
                comms.put(c.getID(), Map.of("target_name", c.getTargetName()));
            }
        }
        Map<String, Object> content = ok();
        content.put("comms", comms);
        reply(env, MessageType.COMM_INFO_REPLY, content);
    }

    private void shutdown(ShellReplyEnvironment env, boolean restart) {
        // basekernel's order: the reply waits until onShutdown has run, then the connection closes
        env.setBusyDeferIdle();
        Map<String, Object> content = ok();
        content.put("restart", restart);
        reply(env.defer(), MessageType.SHUTDOWN_REPLY, content);
        kernel.onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }

    private void interrupt(ShellReplyEnvironment env) {
        env.setBusyDeferIdle();
        reply(env.defer(), MessageType.INTERRUPT_REPLY, ok());
        kernel.interrupt();
    }

    private static Map<String, Object> ok() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        return content;
    }

    /** Sends {@code content}, a JSON object as a map, as the reply of type {@code type} to the request of {@code env}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content) {
        // basekernel's reply classes fix their fields; a map lets us send the spec's fields, and Gson writes maps as is.
        env.reply(new Message(env.getContext(), type, content));
    }
}
