package dev.intriguing.models;

import java.nio.file.Path;

/**
 * The child process of {@link ModelStoreKillTests}: loads the saved models {@code args[0]} and {@code args[1]}, then
 * saves them in turn to the directory {@code args[2]} ({@link ModelStore#save}) and exports them to the file
 * {@code args[3]} ({@link Npz#export}), printing {@code committed N} after each pair, until it is killed.
 */
final class ModelSaverChild {
    private ModelSaverChild() {
    }

    public static void main(String[] args) {
        TrainedModel[] models = {ModelStore.load(Path.of(args[0])), ModelStore.load(Path.of(args[1]))};
        Path dir = Path.of(args[2]);
        Path npz = Path.of(args[3]);
        for (int n = 1; ; n++) {
            TrainedModel m = models[n % 2];
            ModelStore.save(m, dir);
            Npz.export(m, npz);
            System.out.println("committed " + n);
            System.out.flush();
        }
    }
}
