package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.models.Classifier;
import dev.intriguing.session.Session;
import dev.intriguing.transfer.Models;
import dev.intriguing.transfer.TransferResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferMagicTests {
    private final Session session = new Session(Datasets.standard());
    private final RecordingDisplayer recorder = new RecordingDisplayer();
    private final TransferMagic magic = new TransferMagic(new MagicContext(session, recorder));

    private void bind() {
        session.put("adv", Models.random(Models.mlp()));
        session.put("m", Models.mlp());
        session.put("b", Models.biased());
    }

    private MagicUsageException usageError(String line) {
        int bound = session.names(Object.class).size();
        MagicUsageException e = assertThrows(MagicUsageException.class,
                () -> magic.transfer(Arrays.asList(line.split(" "))));
        assertTrue(e.getMessage().startsWith("%transfer: ") && e.getMessage().contains("Usage: %transfer"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
        assertTrue(recorder.shown.isEmpty() && recorder.progressTitles.isEmpty(), "nothing shown");
        assertEquals(bound, session.names(Object.class).size(), "nothing bound");
        return e;
    }

    @Test
    void bindsTheTableAndShowsIt() {
        bind();
        TransferResult t = magic.transfer(List.of("adv", "--to", "m,b", "--noise", "0.1,matched", "--amplify", "0.1",
                "--as", "t"));
        assertSame(t, session.get("t", TransferResult.class, "result"));
        assertEquals(List.of(t), recorder.shown);
        assertEquals(List.of("m", "b"), t.models());
        assertEquals(4, t.rows().size());
        assertEquals(1.0, t.error("adv", "m"));
        assertEquals("mnist-test", t.data());
    }

    @Test
    void unknownSetsAndModelsListWhatIsKnown() {
        bind();
        String set = usageError("nope --to m").getMessage();
        assertTrue(set.contains("No set of adversarial examples named 'nope'") && set.contains("Known sets: adv"), set);
        String model = usageError("adv --to m,x").getMessage();
        assertTrue(model.contains("No model named 'x'") && model.contains("Known models: m, b"), model);
        String notASet = usageError("m --to m").getMessage();
        assertTrue(notASet.contains("'m' is a "), notASet);
    }

    @Test
    void aSetWhoseImagesDoNotFitAModelIsRejected() {
        bind();
        session.put("tiny", new Classifier() {
            @Override
            public String name() {
                return "tiny";
            }

            @Override
            public int inputSize() {
                return 100;
            }

            @Override
            public int numClasses() {
                return 10;
            }

            @Override
            public ai.djl.ndarray.NDArray logits(ai.djl.ndarray.NDArray x) {
                throw new AssertionError("never called");
            }

            @Override
            public long forwardFlopsPerExample() {
                return 0;
            }
        });
        String e = usageError("adv --to m,tiny").getMessage();
        assertTrue(e.contains("the images of adv have 784 pixels (28x28) but model tiny takes 100"), e);
    }

    @Test
    void badSizesAndDataSayWhatIsAccepted() {
        bind();
        assertTrue(usageError("adv --to m --noise -0.1").getMessage()
                .contains("--noise expects stddevs (numbers at least 0) or 'matched', separated by commas; got '-0.1'."));
        assertTrue(usageError("adv --to m --noise 0.1,loud").getMessage().contains("got 'loud'"));
        assertTrue(usageError("adv --to m --amplify 0").getMessage().contains("--amplify expects per-pixel RMS"));
        assertTrue(usageError("adv").getMessage().contains("missing --to"));
        assertTrue(usageError("adv --to m,m").getMessage().contains("--to names something twice"));
        String data = usageError("adv --to m --data train").getMessage();
        assertTrue(data.contains("--data train asks for sets made on train images, but adv was made on mnist-test"), data);
    }

    @Test
    void optionsPrintTheCanonicalCommandLine() {
        assertEquals("%transfer a,b --to x,y --noise 0.1,0.3,matched --amplify 0.1 --data test --seed 0 --as t2",
                TransferMagic.TransferOptions.parse(List.of("a,b", "--to", "x,y", "--noise", "0.1,matched,0.3",
                        "--amplify", "0.1", "--data", "test", "--as", "t2")).toString());
        assertEquals("%transfer a --to x --seed 0 --as transfer",
                TransferMagic.TransferOptions.parse(List.of("a", "--to", "x")).toString());
    }
}
