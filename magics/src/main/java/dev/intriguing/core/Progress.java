package dev.intriguing.core;

/**
 * Where long work (training, attacks, sweeps) reports how far it got.
 *
 * <p>Science code calls {@link #update} from its working thread; in a notebook the magic layer turns it into one
 * display updated in place. Long loops also poll {@link #interrupted()} and stop cleanly when it turns true, keeping
 * what they finished.
 */
@FunctionalInterface
public interface Progress {
    /** Reports nothing. */
    Progress NONE = (message, fraction) -> {
    };

    /**
     * Reports the state of the work.
     *
     * @param message  one short line, e.g. {@code epoch 3/10  loss 0.214  train acc 93.1%}
     * @param fraction the share done in [0, 1], or {@code NaN} when unknown
     */
    void update(String message, double fraction);

    /** Whether the user asked to stop (the kernel interrupts the evaluating thread). */
    static boolean interrupted() {
        return Thread.currentThread().isInterrupted();
    }
}
