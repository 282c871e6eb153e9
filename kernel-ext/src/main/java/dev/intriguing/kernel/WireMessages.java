package dev.intriguing.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.adapters.HeaderAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryRequestAdapter;
import io.github.spencerpark.jupyter.messages.adapters.KernelTimestampAdapter;
import io.github.spencerpark.jupyter.messages.adapters.MessageTypeAdapter;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one Jupyter request from the frames of one ZeroMQ message, checking everything before anything is parsed.
 *
 * <p>basekernel's {@code JupyterSocket.readMessage} reads frame by frame from the socket: a message with a frame
 * missing makes it block and take the next message's frames, and a wrong signature or bad JSON throws out of its
 * loop, which ends the channel's thread and leaves the kernel deaf. Here the whole message is already in hand, so a
 * bad one is refused with a reason and the next one is read normally.
 */
final class WireMessages {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** The frames after the delimiter: signature, header, parent header, metadata, content. */
    private static final int PARTS = 5;
    private static final Type JSON_MAP = new TypeToken<Map<String, Object>>() { }.getType();
    /** What basekernel registers for reading requests (see its JupyterSocket); replies are never read here. */
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .create();

    /** A message the kernel refuses; its text says why, for the log. */
    static final class BadMessage extends Exception {
        private static final long serialVersionUID = 1L;

        BadMessage(String reason) {
            super(reason);
        }
    }

    private WireMessages() {
    }

    /** The message in {@code frames}, signature checked with {@code hmac}; throws {@link BadMessage} otherwise. */
    static Message<?> parse(List<byte[]> frames, HMACGenerator hmac) throws BadMessage {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) {
            d++;
        }
        if (d == frames.size()) {
            throw new BadMessage("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < d + 1 + PARTS) {
            throw new BadMessage("only " + (frames.size() - d - 1) + " frames after the delimiter, " + PARTS + " needed");
        }
        byte[] sig = frames.get(d + 1);
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        String expected = hmac.calculateSignature(header, parent, metadata, content);
        // Constant time, so that a peer cannot find the signature byte by byte from response times.
        if (expected != null && !expected.isEmpty()
                && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig)) {
            throw new BadMessage("wrong HMAC signature");
        }
        try {
            Header<?> h = GSON.fromJson(utf8(header), Header.class);
            if (h == null || h.getType() == null || h.getId() == null) {
                throw new BadMessage("header without msg_type or msg_id");
            }
            JsonElement p = JsonParser.parseString(utf8(parent));
            Header<?> parentHeader = p.isJsonObject() && p.getAsJsonObject().size() > 0 ? GSON.fromJson(p, Header.class) : null;
            JsonElement m = JsonParser.parseString(utf8(metadata));
            Map<String, Object> meta = m.isJsonObject() ? GSON.fromJson(m, JSON_MAP) : Map.of();
            JsonElement c = JsonParser.parseString(utf8(content));
            if (!c.isJsonObject()) {
                throw new BadMessage("content is not a JSON object");
            }
            Object body = GSON.fromJson(c, h.getType().getContentType());
            List<byte[]> identities = new ArrayList<>(frames.subList(0, d));
            List<byte[]> blobs = new ArrayList<>(frames.subList(d + 1 + PARTS, frames.size()));
            @SuppressWarnings({"rawtypes", "unchecked"})
            Message<?> msg = new Message(identities, h, parentHeader, meta, body, blobs);
            return msg;
        } catch (RuntimeException e) {
            throw new BadMessage("malformed JSON: " + e.getMessage());
        }
    }

    /** The {@code msg_type} of a header frame, for the log; never throws. */
    static String typeName(List<byte[]> frames) {
        for (int i = 0; i + 2 < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                try {
                    JsonElement h = JsonParser.parseString(utf8(frames.get(i + 2)));
                    return h.getAsJsonObject().get("msg_type").getAsString();
                } catch (RuntimeException e) {
                    return "?";
                }
            }
        }
        return "?";
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
