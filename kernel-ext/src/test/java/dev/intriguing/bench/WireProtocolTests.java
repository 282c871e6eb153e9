package dev.intriguing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel on its real Jupyter connection, sent what no front end sends: each message is refused and never run, and
 * the kernel answers the next request. One child kernel for the class.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WireProtocolTests {
    @TempDir
    static Path dir;
    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void startKernel() throws IOException {
        kernel = KernelProcess.start(dir, List.of("-Xmx1g"));
        client = KernelClient.connect(kernel.connection());
        assertTrue(client.waitForReady(120_000), () -> "kernel did not start: " + kernel.log());
    }

    @AfterAll
    static void stopKernel() {
        client.close();
        kernel.close();
    }

    /** A cell that would leave a file behind if it ran. */
    private static JsonObject marker(String name) {
        JsonObject c = new JsonObject();
        c.addProperty("code", "java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + dir.resolve(name).toString().replace("\\", "\\\\") + "\"), \"ran\");");
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        return c;
    }

    private static void assertAnswers() {
        KernelClient.Execution e = client.execute("1+1", 60_000);
        assertTrue(e.ok() && e.text().contains("2"), () -> e + "\n" + kernel.log());
        assertTrue(kernel.alive());
    }

    @Test
    void aCorrectlySignedCellRuns() {
        client.sendRaw(client.frames("execute_request", marker("signed")));
        assertAnswers();
        assertTrue(Files.exists(dir.resolve("signed")), "the control case: a signed request runs");
    }

    @Test
    void aWronglySignedCellIsRefusedAndNeverRun() {
        List<byte[]> f = client.frames("execute_request", marker("forged"));
        f.set(1, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        client.sendRaw(f);
        List<byte[]> unsigned = client.frames("execute_request", marker("unsigned"));
        unsigned.set(1, new byte[0]);
        client.sendRaw(unsigned);
        assertAnswers();
        assertFalse(Files.exists(dir.resolve("forged")));
        assertFalse(Files.exists(dir.resolve("unsigned")));
        assertTrue(kernel.log().contains("wrong HMAC signature"), kernel.log());
    }

    @Test
    void aMessageWithFramesMissingDoesNotSwallowTheNextOne() {
        List<byte[]> f = client.frames("execute_request", marker("short"));
        client.sendRaw(new ArrayList<>(f.subList(0, 3)));
        assertAnswers();
        assertFalse(Files.exists(dir.resolve("short")));
    }

    @Test
    void malformedJsonAndAMissingDelimiterAreRefused() {
        List<byte[]> badHeader = client.frames("execute_request", marker("badjson"));
        badHeader.set(2, "{not json".getBytes(StandardCharsets.UTF_8));
        badHeader.set(1, client.sign(badHeader.get(2), badHeader.get(3), badHeader.get(4), badHeader.get(5)));
        client.sendRaw(badHeader);
        List<byte[]> badContent = client.frames("execute_request", marker("badcontent"));
        badContent.set(5, "[1,2".getBytes(StandardCharsets.UTF_8));
        badContent.set(1, client.sign(badContent.get(2), badContent.get(3), badContent.get(4), badContent.get(5)));
        client.sendRaw(badContent);
        List<byte[]> noDelimiter = client.frames("execute_request", marker("nodelim"));
        noDelimiter.remove(0);
        client.sendRaw(noDelimiter);
        client.sendRaw(List.of(new byte[0]));
        assertAnswers();
        assertFalse(Files.exists(dir.resolve("badjson")));
        assertFalse(Files.exists(dir.resolve("badcontent")));
        assertFalse(Files.exists(dir.resolve("nodelim")));
    }

    @Test
    void anUnknownMessageTypeIsIgnoredAndTheKernelAnswersOn() {
        Optional<KernelClient.Msg> reply = client.request("frobnicate_request", marker("unknown"), 2_000);
        assertTrue(reply.isEmpty(), "no reply to an unknown request, as ipykernel");
        assertAnswers();
        assertFalse(Files.exists(dir.resolve("unknown")));
    }

    @Test
    void theConnectionFileIsReadableByTheUserOnly() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kernel.connectionFile())));
    }

    @Test
    void theKernelListensOnTheConnectionFilesAddressOnly() throws IOException {
        InetAddress other = null;
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    other = a;
                }
            }
        }
        Assumptions.assumeTrue(other != null, "this machine has no address but the loopback");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), kernel.connection().shell()), 2_000);
        }
        InetAddress external = other;
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external, kernel.connection().shell()), 2_000);
            }
        });
    }
}
