package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.render.DatasetView;
import dev.intriguing.session.Session;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** %dataset: options checked at the edge, the view it shows, the image set it binds. */
class DatasetMagicTests {
    private static DatasetMagic.DatasetOptions parse(String line) {
        return DatasetMagic.DatasetOptions.parse(List.of(line.split(" ")));
    }

    @Test
    void optionsDefaultToTheTrainingSetBoundUnderTheDataSetsName() {
        assertEquals("%dataset mnist --split train --as mnist", parse("mnist").toString());
        assertEquals("%dataset fashion-mnist --split test --limit 5 --as fashion_mnist_test",
                parse("fashion-mnist --split test --limit 5").toString());
        assertEquals("%dataset mnist --split p2 --as h", parse("mnist --split p2 --as h").toString());
        assertEquals("%dataset mnist --split p2 --limit 50 --seed 7 --as h",
                parse("mnist --split p2 --limit 50 --seed 7 --as h").toString());
    }

    @Test
    void badOptionsAreOneParagraphNamingWhatIsAccepted() {
        assertEquals("%dataset: --split expects one of train, test, p1, p2; got 'val'. Usage: " + DatasetMagic.SPEC.usage()
                + ". Example: " + DatasetMagic.SPEC.example(),
                assertThrows(MagicUsageException.class, () -> parse("mnist --split val")).getMessage());
        assertTrue(assertThrows(MagicUsageException.class, () -> parse("cifar10")).getMessage()
                .startsWith("%dataset: unknown data set 'cifar10': expected one of mnist, fashion-mnist."));
        String seedAlone = assertThrows(MagicUsageException.class, () -> parse("mnist --split p1 --seed 3")).getMessage();
        assertTrue(seedAlone.contains("--seed draws the --limit N images at random; give --limit too.")
                && seedAlone.contains("p1 and p2 are always the paper's fixed halves"), seedAlone);
        assertTrue(assertThrows(MagicUsageException.class, () -> parse("mnist --as 3x")).getMessage()
                .contains("--as expects a Java name"));
        assertTrue(assertThrows(MagicUsageException.class, () -> parse("mnist --as class")).getMessage()
                .contains("'class' is a Java keyword"));
    }

    @Test
    void bindsTheLimitedImageSetAndShowsItsView() {
        Session session = new Session(Datasets.standard());
        RecordingDisplayer recorder = new RecordingDisplayer();
        List<Object> shown = recorder.shown;
        DatasetView view = new DatasetMagic(new MagicContext(session, recorder))
                .dataset(List.of("mnist", "--split", "test", "--limit", "30", "--as", "t"));
        assertEquals(List.of(view), shown);
        ImageSet t = session.get("t", ImageSet.class, "image set");
        assertEquals(30, t.size());
        assertEquals(30, view.table().intColumn("count").sum(), 0.0);
        assertEquals(10, view.table().rowCount());
        assertTrue(view.grid().getWidth() > 28 * 10 && view.grid().getHeight() > 28 * 2);
        assertTrue(view.toString().startsWith("mnist (test, first 30): 30 images of 28x28, 10 classes"), view.toString());
    }

    @Test
    void theHalvesAreThePapersWhateverTheSeedAndTheSeedDrawsTheLimitedSample() {
        Session session = new Session(Datasets.standard());
        DatasetMagic magic = new DatasetMagic(new MagicContext(session, new RecordingDisplayer()));
        ImageSet p1 = Datasets.standard().load("mnist", Split.P1);
        magic.dataset(List.of("mnist", "--split", "p1", "--limit", "40", "--as", "first"));
        DatasetView drawn = magic.dataset(List.of("mnist", "--split", "p1", "--limit", "40", "--seed", "7", "--as", "a"));
        magic.dataset(List.of("mnist", "--split", "p1", "--limit", "40", "--seed", "7", "--as", "b"));
        magic.dataset(List.of("mnist", "--split", "p1", "--limit", "40", "--seed", "8", "--as", "c"));
        assertArrayEquals(p1.slice(0, 40).labels(), session.get("first", ImageSet.class, "image set").labels(),
                "without --seed, the first images of the paper's P1");
        ImageSet a = session.get("a", ImageSet.class, "image set");
        assertArrayEquals(p1.sample(40, 7).pixels(0, 40), a.pixels(0, 40), "a seeded sample of the paper's P1");
        assertArrayEquals(a.pixels(0, 40), session.get("b", ImageSet.class, "image set").pixels(0, 40));
        assertFalse(Arrays.equals(a.pixels(0, 40), session.get("c", ImageSet.class, "image set").pixels(0, 40)));
        assertTrue(drawn.toString().startsWith("mnist (p1, 40 drawn with seed 7): 40 images"), drawn.toString());
    }
}
