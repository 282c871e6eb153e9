package dev.intriguing.render;

import dev.intriguing.datasets.api.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link PngKillTests}: writes a PNG of noise drawn from its version (the version in the first
 * pixel) to {@code args[0]} again and again, as {@code ./intriguing exec} saves an image result ({@link ImageGrid#png}
 * through {@link AtomicFiles#write}, in slices), and prints {@code committed N} after each, until it is killed.
 */
final class PngWriterChild {
    static final int SIDE = 700;
    private static final int SLICE = 64 << 10;

    private PngWriterChild() {
    }

    /** Version {@code version}'s image: the version in pixel (0, 0), noise seeded by it everywhere else. */
    static BufferedImage image(int version) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(version);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        img.setRGB(0, 0, version);
        return img;
    }

    private static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        for (int version = 1; ; version++) {
            byte[] png = ImageGrid.png(image(version));
            // in slices with a pause between them, as a slow disk would take it, so that most kills land mid-write
            AtomicFiles.write(file, out -> {
                for (int at = 0; at < png.length; at += SLICE) {
                    out.write(png, at, Math.min(SLICE, png.length - at));
                    out.flush();
                    pause();
                }
            });
            System.out.println("committed " + version);
            System.out.flush();
        }
    }
}
