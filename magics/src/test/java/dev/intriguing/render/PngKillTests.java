package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.models.KilledChild;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM killed with SIGKILL at random moments while it saves PNG results: the file under the name always
 * decodes to one whole version, pixel for pixel, and only hidden temporary files are left beside it.
 */
class PngKillTests {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingAPngWriteLeavesOneWholeImage(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("01-grid.png");
        KilledChild.killWriterRounds(6, 29, List.of("-Djava.awt.headless=true"), PngWriterChild.class, png, 300, round -> {
            BufferedImage read = ImageIO.read(png.toFile());
            assertNotNull(read, "round " + round + ": the file under the name is a PNG");
            int version = read.getRGB(0, 0) & 0xFFFFFF;
            assertTrue(version >= 2, "round " + round + ": at least the second version, got " + version);
            BufferedImage expected = PngWriterChild.image(version);
            for (int y = 0; y < PngWriterChild.SIDE; y++) {
                for (int x = 0; x < PngWriterChild.SIDE; x++) {
                    assertEquals(expected.getRGB(x, y) & 0xFFFFFF, read.getRGB(x, y) & 0xFFFFFF,
                            "round " + round + ": pixel " + x + "," + y + " of version " + version);
                }
            }
        });
    }
}
