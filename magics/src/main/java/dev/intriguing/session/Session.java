package dev.intriguing.session;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.UserError;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The named objects of one notebook: data sets, models and results, shared by magics and code cells.
 *
 * <p>A magic that binds a name ({@code --as a}) calls {@link #put}; listeners (the kernel) then make the value a
 * variable of the notebook. Values that hold native memory and implement {@link AutoCloseable} are closed when they
 * are replaced or when the session closes.
 */
public final class Session implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Datasets datasets;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<BiConsumer<String, Object>> listeners = new CopyOnWriteArrayList<>();

    public Session(Datasets datasets) {
        this.datasets = datasets;
    }

    /** The catalogue of data sets this session loads from. */
    public Datasets datasets() {
        return datasets;
    }

    /** Whether {@code name} can be bound: a Java identifier. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Binds {@code value} to {@code name}, replacing (and closing, when it is closeable and a different object) what
     * was bound before, then tells the listeners.
     *
     * <p>The listeners run after the lock is released: a kernel's listener evaluates code that reads this session, and
     * a host such as stock IJava runs that evaluation on another thread while this one waits for it.
     */
    public void put(String name, Object value) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name: use letters, digits and _, not starting with a digit");
        }
        synchronized (this) {
            Object old = values.put(name, value);
            if (old != null && old != value && old instanceof AutoCloseable c && !values.containsValue(old)) {
                closeQuietly(c);
            }
        }
        for (BiConsumer<String, Object> l : listeners) {
            l.accept(name, value);
        }
    }

    /** The value bound to {@code name}, if any. */
    public synchronized Optional<Object> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The value of type {@code type} bound to {@code name}.
     *
     * @throws UnknownNameException when nothing, or something of another type, is bound; the message lists the names
     *                              of that type that are bound
     */
    public synchronized <T> T get(String name, Class<T> type, String kind) {
        Object v = values.get(name);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        List<String> known = names(type);
        String what = v == null ? "nothing is bound to '" + name + "'" : "'" + name + "' is a " + v.getClass().getSimpleName();
        throw new UnknownNameException("No " + kind + " named '" + name + "' in this session (" + what + "). Known "
                + kind + "s: " + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ".");
    }

    /**
     * The model bound to {@code name}: what every magic that takes {@code --model NAME} looks up.
     *
     * @throws UnknownNameException when no model is bound to it; the message lists the models that are
     */
    public Classifier model(String name) {
        return model(name, Classifier.class);
    }

    /**
     * The model of type {@code type} bound to {@code name} ({@code TrainedModel} for actions that need its layers or
     * files).
     *
     * @throws UnknownNameException when no such model is bound to it; the message lists the ones that are
     */
    public <T extends Classifier> T model(String name, Class<T> type) {
        return get(name, type, "model");
    }

    /** The names bound to values of {@code type}, in binding order. */
    public synchronized List<String> names(Class<?> type) {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if (type.isInstance(v)) {
                out.add(k);
            }
        });
        return out;
    }

    /** The values of {@code type}, by name, in binding order. */
    public synchronized <T> Map<String, T> all(Class<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (type.isInstance(v)) {
                out.put(k, type.cast(v));
            }
        });
        return out;
    }

    /** Calls {@code listener} on every later {@link #put}. */
    public void onBind(BiConsumer<String, Object> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void close() {
        for (Object v : values.values()) {
            if (v instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
        values.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing frees native memory; a failure here leaves nothing for the user to do
        }
    }

    /** A name that is not bound, or bound to a value of another kind. */
    public static final class UnknownNameException extends RuntimeException implements UserError {
        private static final long serialVersionUID = 1L;

        public UnknownNameException(String message) {
            super(message);
        }
    }
}
