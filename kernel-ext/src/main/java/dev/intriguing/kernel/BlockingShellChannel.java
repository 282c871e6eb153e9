package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.ZMQ;

/**
 * The shell or control channel, answering as soon as a request arrives.
 *
 * <p>basekernel 2.3.0's {@code ShellChannel} polls without waiting and then sleeps 50 ms, so every request waits up to
 * 50 ms before it is read, and a request right after a reply waits the full 50 ms. This channel blocks in the poll
 * instead (waking at most every {@link #POLL_MS} to notice a close), reads each ZeroMQ message whole and refuses a
 * malformed or wrongly signed one with a log line, so that no message can stop the channel.
 */
final class BlockingShellChannel extends ShellChannel {
    /** How often a waiting channel looks whether it was closed; it answers requests at once regardless. */
    static final long POLL_MS = 100;
    private static final int MAX_FRAMES = 1024;

    private final boolean control;
    private final JupyterConnection connection;
    private final HMACGenerator hmac;
    private final Logger log;
    private volatile boolean running;
    private volatile Thread loop;
    private boolean socketClosed;

    BlockingShellChannel(ZMQ.Context ctx, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(ctx, hmac, control, connection);
        this.control = control;
        this.connection = connection;
        this.hmac = hmac;
        this.log = Logger.getLogger(control ? "dev.intriguing.kernel.ControlChannel" : "dev.intriguing.kernel.ShellChannel");
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        if (loop != null) {
            throw new IllegalStateException("channel already bound");
        }
        bind(formatAddress(props.getTransport(), props.getIp(), control ? props.getControlPort() : props.getShellPort()));
        running = true;
        // Not named "intriguing-...": the kernel lets only its own startup and cell threads skip waiting for startup.
        Thread t = new Thread(this::run, control ? "jupyter-control" : "jupyter-shell");
        loop = t;
        t.start();
    }

    private void run() {
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        try {
            while (running) {
                try {
                    if (poller.poll(POLL_MS) > 0 && poller.pollin(0) && running) {
                        handle(receiveWhole());
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    if (!running) {
                        break;
                    }
                    log.log(Level.WARNING, "request failed outside its handler; the channel goes on", e);
                }
            }
        } finally {
            poller.close();
            closeSocket();
        }
    }

    /** Every frame of one ZeroMQ message (a message arrives whole or not at all). */
    private List<byte[]> receiveWhole() {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = recv(0);
            if (f == null) {
                break;
            }
            if (frames.size() < MAX_FRAMES) {
                frames.add(f);
            }
        } while (hasReceiveMore());
        return frames;
    }

    private void handle(List<byte[]> frames) {
        Message<?> msg;
        try {
            msg = WireMessages.parse(frames, hmac);
        } catch (WireMessages.BadMessage e) {
            log.warning(() -> "refused a message (" + WireMessages.typeName(frames) + "): " + e.getMessage());
            return;
        }
        dispatch(msg);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void dispatch(Message msg) {
        ShellHandler handler = connection.getHandler(msg.getHeader().getType());
        if (handler == null) {
            // ipykernel does the same: an unknown request is logged and left unanswered, never executed.
            log.warning(() -> "ignored a message of unknown type " + msg.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, msg);
        try {
            handler.handle(env, msg);
        } catch (Exception e) {
            log.log(Level.SEVERE, "handling " + msg.getHeader().getType().getName() + " failed", e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = loop;
        if (t == null) {
            closeSocket();
        } else if (t == Thread.currentThread()) {
            // A shutdown request handled on this very thread: it is not inside poll, so the socket can go now.
            closeSocket();
        } else {
            try {
                t.join(POLL_MS * 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeSocket();
        }
    }

    private synchronized void closeSocket() {
        if (!socketClosed) {
            socketClosed = true;
            super.close();
        }
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
