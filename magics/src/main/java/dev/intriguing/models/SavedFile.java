package dev.intriguing.models;

import java.nio.file.Path;

/**
 * What {@code %model save}, {@code load} and {@code export} report: which model went to or came from where.
 *
 * @param model  the model's name
 * @param action {@code saved}, {@code loaded} or {@code exported}
 * @param path   the directory or {@code .npz} file
 * @param bytes  its size on disk
 */
public record SavedFile(String model, String action, Path path, long bytes) {
    @Override
    public String toString() {
        return String.format("%s %s %s %s (%,d bytes)", action, model, action.equals("loaded") ? "from" : "to", path, bytes);
    }
}
