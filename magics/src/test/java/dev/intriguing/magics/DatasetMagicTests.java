package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.render.DatasetView;
import dev.intriguing.session.Session;
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
        assertEquals("%dataset mnist --split p2 --seed 7 --as h", parse("mnist --split p2 --seed 7 --as h").toString());
    }

    @Test
    void badOptionsAreOneParagraphNamingWhatIsAccepted() {
        assertEquals("%dataset: --split expects one of train, test, p1, p2; got 'val'. Usage: " + DatasetMagic.SPEC.usage()
                + ". Example: " + DatasetMagic.SPEC.example(),
                assertThrows(MagicUsageException.class, () -> parse("mnist --split val")).getMessage());
        assertTrue(assertThrows(MagicUsageException.class, () -> parse("cifar10")).getMessage()
                .startsWith("%dataset: unknown data set 'cifar10': expected one of mnist, fashion-mnist."));
        assertTrue(assertThrows(MagicUsageException.class, () -> parse("mnist --seed 3")).getMessage()
                .contains("--seed chooses the halves of --split p1 or p2"));
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
}
