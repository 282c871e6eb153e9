package dev.intriguing.magics;

import dev.intriguing.core.Progress;
import java.util.ArrayList;
import java.util.List;

/** A displayer for magic tests: keeps what a magic showed, the titles of its progress displays and their messages. */
final class RecordingDisplayer implements Displayer {
    final List<Object> shown = new ArrayList<>();
    final List<String> progressTitles = new ArrayList<>();
    final List<String> progressMessages = new ArrayList<>();

    @Override
    public void display(Object value) {
        shown.add(value);
    }

    @Override
    public Progress progress(String title) {
        progressTitles.add(title);
        return (message, fraction) -> progressMessages.add(message);
    }
}
