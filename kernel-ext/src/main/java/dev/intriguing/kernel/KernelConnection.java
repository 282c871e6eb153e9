package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.zeromq.ZMQ;

/**
 * basekernel's connection with our {@link BlockingShellChannel} for shell and control, so that requests are answered
 * at once and no malformed message can stop a channel.
 *
 * <p>basekernel builds its own shell and control channels in its constructor into final fields; they are never bound
 * here and are closed with the rest. Heartbeat, stdin and IOPub are basekernel's.
 */
final class KernelConnection extends JupyterConnection {
    private final KernelConnectionProperties props;
    private final ZMQ.Context zmq;
    private final BlockingShellChannel fastShell;
    private final BlockingShellChannel fastControl;
    private boolean connected;

    KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        this.zmq = ZMQ.context(1);
        HMACGenerator hmac = props.createHMACGenerator();
        this.fastShell = new BlockingShellChannel(zmq, hmac, false, this);
        this.fastControl = new BlockingShellChannel(zmq, hmac, true, this);
    }

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(props);
        fastShell.bind(props);
        fastControl.bind(props);
        stdin.bind(props);
        iopub.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public void close() {
        fastShell.close();
        fastControl.close();
        zmq.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        fastShell.waitUntilClose();
        fastControl.waitUntilClose();
        super.waitUntilClose();
    }
}
