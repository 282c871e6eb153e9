package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.SmallMlp;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.session.Session;
import dev.intriguing.spectral.LipschitzResult;
import dev.intriguing.spectral.SpectralFixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LipschitzMagicTests {
    private final Session session = new Session(Datasets.standard());
    private final RecordingDisplayer recorder = new RecordingDisplayer();
    private final LipschitzMagic magic = new LipschitzMagic(new MagicContext(session, recorder));

    private MagicUsageException usageError(String line) {
        return assertThrows(MagicUsageException.class, () -> magic.lipschitz(Arrays.asList(line.split(" "))));
    }

    private void assertNothingHappened() {
        assertTrue(recorder.shown.isEmpty() && recorder.progressTitles.isEmpty(), "nothing shown before validation");
        assertTrue(session.names(LipschitzResult.class).isEmpty(), "nothing bound");
    }

    @Test
    void boundsTheModelBindsTheResultAndDisplaysIt() {
        session.put("m", SpectralFixtures.quick("fc100-100-10"));
        LipschitzResult r = magic.lipschitz(List.of("--model", "m", "--images", "5"));
        assertSame(r, session.get("lip", LipschitzResult.class, "result"));
        assertEquals(List.of(r), recorder.shown);
        assertEquals(List.of("%lipschitz on m"), recorder.progressTitles);
        assertEquals(3, r.layers().size());
        assertEquals(5, r.gradientImages());
        assertTrue(r.certificates().isEmpty());
    }

    @Test
    void perClassWithAnAttackCertifiesItsImages() {
        var model = SpectralFixtures.quick("fc10@1e-4");
        session.put("m", model);
        AttackResult adv = LbfgsAttack.paper().run(model, SpectralFixtures.test().slice(0, 4), Targets.random(0),
                Progress.NONE);
        session.put("adv", adv);
        LipschitzResult r = magic.lipschitz(List.of("--model", "m", "--adv", "adv", "--per-class", "--images", "0",
                "--as", "bound"));
        assertSame(r, session.get("bound", LipschitzResult.class, "result"));
        assertEquals(4, r.certificates().size());
        assertEquals(0, r.certifiedViolations());
    }

    @Test
    void unknownModelListsTheKnownModels() {
        session.put("m", SpectralFixtures.quick("fc100-100-10"));
        String m = usageError("--model b").getMessage();
        assertTrue(m.startsWith("%lipschitz: No model named 'b'") && m.contains("Known models: m"), m);
        assertNothingHappened();
    }

    @Test
    void aClassifierWithoutLayersWeCanReadIsRefused() {
        session.put("mlp", SmallMlp.trained());
        String m = usageError("--model mlp").getMessage();
        assertTrue(m.contains("'mlp' is a SmallMlp"), m);
        assertNothingHappened();
    }

    @Test
    void anAttackOnAnotherModelIsRefusedAndNothingIsBound() {
        session.put("m", SpectralFixtures.quick("fc100-100-10"));
        var other = SpectralFixtures.quick("fc10@1e-4");
        session.put("adv", LbfgsAttack.paper().run(other, SpectralFixtures.test().slice(0, 2), Targets.random(0),
                Progress.NONE));
        String m = usageError("--model m --adv adv").getMessage();
        assertTrue(m.contains("the attack was made on model fc10@1e-4, not on fc100-100-10"), m);
        assertTrue(m.contains("Usage: %lipschitz --model NAME"), m);
        assertNothingHappened();
        assertTrue(usageError("--model m --adv nope").getMessage().contains("No attack result named 'nope'"));
    }

    @Test
    void badOptionsSayWhatIsAccepted() {
        assertTrue(usageError("--images 5").getMessage().contains("missing MODEL"));
        assertTrue(usageError("--model a --images -1").getMessage().contains("--images expects a whole number from 0"));
        assertTrue(usageError("--model a --as 9x").getMessage().contains("--as expects a Java name"));
        assertTrue(usageError("--model a --per-classes").getMessage().startsWith("%lipschitz: "));
        assertNothingHappened();
    }

    @Test
    void optionsPrintTheCanonicalCommandLine() {
        assertEquals("%lipschitz --model a --images 100 --as lip",
                LipschitzMagic.LipschitzOptions.parse(List.of("--model", "a")).toString());
        assertEquals("%lipschitz --model c --images 20 --adv adv --per-class --as x", LipschitzMagic.LipschitzOptions
                .parse(List.of("--per-class", "--model", "c", "--adv", "adv", "--images", "20", "--as", "x")).toString());
    }
}
