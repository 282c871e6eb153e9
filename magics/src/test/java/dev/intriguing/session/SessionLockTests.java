package dev.intriguing.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.intriguing.datasets.api.Datasets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a kernel's listener may do while the session tells it about a binding. */
class SessionLockTests {
    @Test
    void aListenerCanWaitForAnotherThreadThatReadsTheSession() {
        // Stock IJava: the listener evaluates a declaration on another thread and waits for it; that thread reads the
        // session. Were the lock still held, the read would block; the bounded wait turns that into a failure.
        Session session = new Session(Datasets.standard());
        AtomicReference<Object> seen = new AtomicReference<>();
        session.onBind((name, value) -> {
            try {
                seen.set(CompletableFuture.supplyAsync(() -> session.find(name)).get(10, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                seen.set("blocked: the listener ran with the session's lock held");
            } catch (Exception e) {
                seen.set(e);
            }
        });
        session.put("x", 42);
        assertEquals(Optional.of(42), seen.get());
    }

    @Test
    void aListenerSeesTheNewValueAndTheReplacedOneIsGone() {
        Session session = new Session(Datasets.standard());
        AtomicReference<Object> seen = new AtomicReference<>();
        session.put("x", "old");
        session.onBind((name, value) -> seen.set(session.find(name).orElse(null)));
        session.put("x", "new");
        assertSame("new", seen.get());
    }
}
