package dev.intriguing.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A Jupyter client over ZeroMQ with signed messages, as a front end talks to the kernel; also sends raw frames, so
 * that tests can send what no front end would. One thread at a time.
 */
public final class KernelClient implements AutoCloseable {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** One message received: its type, header, parent header and content. */
    public record Msg(String type, JsonObject header, JsonObject parent, JsonObject content) {
        String parentId() {
            return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
        }
    }

    /** What one {@code execute_request} produced: the reply, what IOPub showed for it, and the round trip. */
    public record Execution(String status, JsonObject reply, List<Msg> outputs, double millis) {
        public boolean ok() {
            return "ok".equals(status);
        }

        public boolean timedOut() {
            return "timeout".equals(status);
        }

        /**
         * The traceback lines the notebook shows (IOPub's {@code error} message; basekernel's reply carries the
         * kernel's own stack instead), else the reply's, else empty.
         */
        public List<String> traceback() {
            List<String> out = new ArrayList<>();
            for (Msg m : outputs) {
                if (m.type().equals("error") && m.content().has("traceback")) {
                    m.content().getAsJsonArray("traceback").forEach(e -> out.add(e.getAsString()));
                    return out;
                }
            }
            if (reply != null && reply.has("traceback")) {
                reply.getAsJsonArray("traceback").forEach(e -> out.add(e.getAsString()));
            }
            return out;
        }

        /** Every text the cell showed: streams, text/plain of results and displays, error lines. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Msg m : outputs) {
                JsonObject c = m.content();
                if (c.has("text")) {
                    sb.append(c.get("text").getAsString());
                }
                if (c.has("data") && c.getAsJsonObject("data").has("text/plain")) {
                    sb.append(c.getAsJsonObject("data").get("text/plain").getAsString()).append('\n');
                }
            }
            traceback().forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
    }

    private final ZMQ.Context ctx = ZMQ.context(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final Mac mac;
    private final String session = UUID.randomUUID().toString();

    private KernelClient(KernelProcess.Connection c) throws GeneralSecurityException {
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(c.key().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        this.shell = socket(SocketType.DEALER, c.address(c.shell()));
        this.control = socket(SocketType.DEALER, c.address(c.control()));
        this.iopub = ctx.socket(SocketType.SUB);
        iopub.setReconnectIVL(10);
        iopub.setLinger(0);
        iopub.subscribe(new byte[0]);
        iopub.connect(c.address(c.iopub()));
    }

    private ZMQ.Socket socket(SocketType type, String address) {
        ZMQ.Socket s = ctx.socket(type);
        // The kernel may not listen yet: retry every 10 ms, not ZeroMQ's default 100 ms, so cold start is measured.
        s.setReconnectIVL(10);
        s.setLinger(0);
        s.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        s.connect(address);
        return s;
    }

    /** A client of the kernel at {@code c}; connecting never blocks (ZeroMQ connects when the kernel listens). */
    public static KernelClient connect(KernelProcess.Connection c) {
        try {
            return new KernelClient(c);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Asks {@code kernel_info} until the reply and an IOPub status arrive (so IOPub is subscribed); false on timeout. */
    public boolean waitForReady(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean replied = false;
        boolean iopubSeen = false;
        while (System.currentTimeMillis() < deadline && !(replied && iopubSeen)) {
            String id = send(shell, "kernel_info_request", new JsonObject());
            long until = Math.min(deadline, System.currentTimeMillis() + 250);
            while (System.currentTimeMillis() < until && !(replied && iopubSeen)) {
                Optional<Msg> m = receiveAny(until);
                if (m.isEmpty()) {
                    break;
                }
                replied |= m.get().type().equals("kernel_info_reply");
                iopubSeen |= m.get().type().equals("status") && m.get().parentId().equals(id);
            }
        }
        return replied && iopubSeen;
    }

    /** Sends {@code kernel_info_request} once and waits for its reply; empty on timeout. */
    public Optional<JsonObject> kernelInfo(long timeoutMs) {
        return request("kernel_info_request", new JsonObject(), timeoutMs).map(Msg::content);
    }

    /** Sends a shell request and returns its reply, IOPub messages meanwhile dropped; empty on timeout. */
    public Optional<Msg> request(String type, JsonObject content, long timeoutMs) {
        String id = send(shell, type, content);
        return awaitReply(id, timeoutMs);
    }

    /** Waits for the shell reply to {@code msgId}; IOPub messages meanwhile are dropped. */
    public Optional<Msg> awaitReply(String msgId, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Optional<Msg> m = receiveAny(deadline);
            if (m.isEmpty()) {
                return m;
            }
            if (m.get().type().endsWith("_reply") && m.get().parentId().equals(msgId)) {
                return m;
            }
        }
    }

    /** Sends {@code interrupt_request} on the control channel and waits for its reply. */
    public boolean interrupt(long timeoutMs) {
        return awaitControlReply(send(control, "interrupt_request", new JsonObject()), timeoutMs);
    }

    private boolean awaitControlReply(String id, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        ZMQ.Poller p = ctx.poller(1);
        p.register(control, ZMQ.Poller.POLLIN);
        try {
            while (System.currentTimeMillis() < deadline) {
                if (p.poll(Math.max(1, deadline - System.currentTimeMillis())) > 0 && p.pollin(0)) {
                    Msg m = parse(receiveWhole(control));
                    if (m != null && m.parentId().equals(id)) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            p.close();
        }
    }

    /** Runs {@code code} as a notebook cell and collects what it showed, until the kernel is idle again. */
    public Execution execute(String code, long timeoutMs) {
        long t0 = System.nanoTime();
        String id = sendExecute(code);
        return collect(id, t0, System.currentTimeMillis() + timeoutMs);
    }

    /** Sends {@code code} as a notebook's {@code execute_request} on the shell channel; returns its message id. */
    private String sendExecute(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        return send(shell, "execute_request", content);
    }

    /**
     * Runs {@code code}, sends {@code interrupt_request} on the control channel {@code afterMs} later, and collects
     * the cell's outcome (an error if the interrupt stopped it, ok if it had finished first).
     */
    public Execution executeInterrupted(String code, long afterMs, long timeoutMs) {
        long t0 = System.nanoTime();
        String id = sendExecute(code);
        try {
            Thread.sleep(afterMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String interrupt = send(control, "interrupt_request", new JsonObject());
        Execution e = collect(id, t0, System.currentTimeMillis() + timeoutMs);
        awaitControlReply(interrupt, 10_000);
        return e;
    }

    /** Waits until the reply to {@code id} and IOPub's idle for it are both in, or the deadline passes. */
    private Execution collect(String id, long t0, long deadline) {
        List<Msg> outputs = new ArrayList<>();
        JsonObject reply = null;
        boolean idle = false;
        while (reply == null || !idle) {
            Optional<Msg> got = receiveAny(deadline);
            if (got.isEmpty()) {
                return new Execution("timeout", reply, outputs, (System.nanoTime() - t0) / 1e6);
            }
            Msg m = got.get();
            if (!m.parentId().equals(id)) {
                continue;
            }
            if (m.type().equals("execute_reply")) {
                reply = m.content();
            } else if (m.type().equals("status")) {
                idle |= "idle".equals(m.content().get("execution_state").getAsString());
            } else if (!m.type().equals("execute_input")) {
                outputs.add(m);
            }
        }
        String status = reply.has("status") ? reply.get("status").getAsString() : "?";
        return new Execution(status, reply, outputs, (System.nanoTime() - t0) / 1e6);
    }

    /** Sends {@code frames} as they are on the shell channel: for messages no front end would send. */
    public void sendRaw(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            shell.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** The frames of a message of {@code type} with {@code content}, signed with the connection's key. */
    public List<byte[]> frames(String type, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("username", "bench");
        header.addProperty("session", session);
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] p = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] md = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] c = content.toString().getBytes(StandardCharsets.UTF_8);
        return new ArrayList<>(List.of(DELIMITER, sign(h, p, md, c), h, p, md, c));
    }

    /** The hex HMAC-SHA256 of {@code parts}, as Jupyter signs messages. */
    public byte[] sign(byte[]... parts) {
        synchronized (mac) {
            for (byte[] b : parts) {
                mac.update(b);
            }
            return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content) {
        List<byte[]> f = frames(type, content);
        for (int i = 0; i < f.size(); i++) {
            socket.send(f.get(i), i < f.size() - 1 ? ZMQ.SNDMORE : 0);
        }
        return JsonParser.parseString(new String(f.get(2), StandardCharsets.UTF_8)).getAsJsonObject().get("msg_id")
                .getAsString();
    }

    /** The next message on shell or IOPub, or empty once {@code deadline} (epoch ms) passes. */
    private Optional<Msg> receiveAny(long deadline) {
        ZMQ.Poller p = ctx.poller(2);
        p.register(shell, ZMQ.Poller.POLLIN);
        p.register(iopub, ZMQ.Poller.POLLIN);
        try {
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                if (p.poll(left) <= 0) {
                    continue;
                }
                ZMQ.Socket s = p.pollin(0) ? shell : p.pollin(1) ? iopub : null;
                if (s != null) {
                    Msg m = parse(receiveWhole(s));
                    if (m != null) {
                        return Optional.of(m);
                    }
                }
            }
        } finally {
            p.close();
        }
    }

    private static List<byte[]> receiveWhole(ZMQ.Socket s) {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(s.recv(0));
        } while (s.hasReceiveMore());
        return frames;
    }

    private static Msg parse(List<byte[]> frames) {
        for (int i = 0; i + 5 < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                JsonObject h = JsonParser.parseString(new String(frames.get(i + 2), StandardCharsets.UTF_8)).getAsJsonObject();
                JsonObject p = JsonParser.parseString(new String(frames.get(i + 3), StandardCharsets.UTF_8)).getAsJsonObject();
                JsonObject c = JsonParser.parseString(new String(frames.get(i + 5), StandardCharsets.UTF_8)).getAsJsonObject();
                return new Msg(h.get("msg_type").getAsString(), h, p, c);
            }
        }
        return null;
    }

    @Override
    public void close() {
        shell.close();
        control.close();
        iopub.close();
        ctx.close();
    }
}
