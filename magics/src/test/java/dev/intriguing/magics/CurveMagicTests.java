package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.session.Session;
import dev.intriguing.transfer.CurveResult;
import dev.intriguing.transfer.Models;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveMagicTests {
    private final Session session = new Session(Datasets.standard());
    private final RecordingDisplayer recorder = new RecordingDisplayer();
    private final CurveMagic magic = new CurveMagic(new MagicContext(session, recorder));

    private MagicUsageException usageError(String line) {
        int bound = session.names(Object.class).size();
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> magic.curve(Arrays.asList(line.split(" "))));
        assertTrue(e.getMessage().startsWith("%curve: ") && e.getMessage().contains("Usage: %curve"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
        assertTrue(recorder.shown.isEmpty() && recorder.progressTitles.isEmpty(), "nothing shown");
        assertEquals(bound, session.names(Object.class).size(), "nothing bound");
        return e;
    }

    @Test
    void drawsAdversarialAndNoiseCurvesOfTheAttackedModel() {
        session.put("adv", Models.all(Models.mlp()));
        session.put("mlp64", Models.mlp());
        CurveResult c = magic.curve(List.of("adv", "--noise", "--points", "6", "--draws", "1", "--as", "c"));
        assertSame(c, session.get("c", CurveResult.class, "result"));
        assertEquals(List.of(c), recorder.shown);
        assertEquals(List.of("mlp64: adversarial", "mlp64: noise"), c.series());
        assertEquals(6, c.points("mlp64: noise").size());
        assertFalse(c.log());
    }

    @Test
    void transferFormAmplifiesOneSetForOtherModels() {
        session.put("adv", Models.random(Models.mlp()));
        session.put("b", Models.biased());
        CurveResult c = magic.curve(List.of("adv", "--to", "b", "--points", "4", "--max", "0.2", "--log"));
        assertEquals(List.of("b: adv amplified"), c.series());
        assertTrue(c.log());
        assertSame(c, session.get("curve", CurveResult.class, "result"));
    }

    @Test
    void badInputSaysWhatIsAccepted() {
        session.put("adv", Models.all(Models.mlp()));
        String noModel = usageError("adv --noise").getMessage();
        assertTrue(noModel.contains("--noise draws the noise curve of the model adv was made on, 'mlp64'"), noModel);
        assertTrue(usageError("nope").getMessage().contains("No set of adversarial examples named 'nope'"));
        session.put("other", Models.random(Models.mlp()));
        assertTrue(usageError("adv,other --to adv").getMessage().contains("give one SET"));
        assertTrue(usageError("adv --max -1").getMessage().contains("--max expects a number"));
        assertTrue(usageError("adv --log=maybe").getMessage().contains("--log is a switch"));
        assertTrue(usageError("adv --points 1").getMessage().contains("--points expects a whole number from 2"));
        assertTrue(usageError("adv --data train").getMessage().contains("was made on mnist-test"));
    }

    @Test
    void optionsPrintTheCanonicalCommandLine() {
        assertEquals("%curve a,b --noise --draws 3 --points 41 --log --data train --seed 0 --as c1",
                CurveMagic.CurveOptions.parse(List.of("a,b", "--noise", "--log", "--data", "train", "--as", "c1"))
                        .toString());
        assertEquals("%curve a --to x,y --points 41 --max 0.3 --seed 0 --as curve",
                CurveMagic.CurveOptions.parse(List.of("a", "--to", "x,y", "--max", "0.3")).toString());
    }
}
