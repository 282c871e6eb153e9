package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.models.AdversarialSettings;
import dev.intriguing.models.ModelEvaluation;
import dev.intriguing.models.ModelList;
import dev.intriguing.models.Npz;
import dev.intriguing.models.SavedFile;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelMagicTests {
    private Session session;
    private final RecordingDisplayer recording = new RecordingDisplayer();
    private final List<Object> shown = recording.shown;
    private final List<String> progress = recording.progressMessages;
    private ModelMagic magic;

    @BeforeEach
    void setUp() {
        session = new Session(Datasets.standard());
        magic = new ModelMagic(new MagicContext(session, recording));
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    private Object run(String line) {
        return magic.model(Arrays.asList(line.split(" +")));
    }

    private String usageError(String line) {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> run(line));
        assertTrue(e.getMessage().startsWith("%model: "), e.getMessage());
        assertTrue(e.getMessage().contains("Example: %model train fc100-100-10 --as a"), e.getMessage());
        assertTrue(shown.isEmpty() && session.names(Object.class).isEmpty(), "no side effect before a usage error");
        return e.getMessage();
    }

    @Test
    void unknownSpecListsTheKnownOnes() {
        String m = usageError("train resnet50 --as a");
        assertTrue(m.contains("fc100-100-10") && m.contains("ae400-10") && m.contains("fc10@1e-2"), m);
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOption() {
        assertTrue(usageError("train fc10 --epochs 0").contains("--epochs expects a whole number from 1"));
        assertTrue(usageError("train fc10 --data cifar").contains("--data expects one of mnist, fashion-mnist"));
        assertTrue(usageError("train fc10 --split p3").contains("--split expects one of train, p1, p2"));
        assertTrue(usageError("train fc10 --weight-decay -1").contains("--weight-decay"));
        assertTrue(usageError("train fc10 --as 1a").contains("--as expects a Java name"));
        assertTrue(usageError("train fc10 --bogus 3").contains("bogus"));
        assertTrue(usageError("train fc100-5 --as c").contains("ends in 5 outputs but mnist has 10 classes"));
        assertTrue(usageError("fit fc10").contains("unknown action 'fit'"));
        assertTrue(usageError("load somewhere --epochs 3").contains("--epochs applies to %model train only"));
    }

    @Test
    void actionsOnUnknownModelsListTheKnownOnes(@TempDir Path tmp) {
        String m = usageError("save nobody " + tmp.resolve("x"));
        assertTrue(m.contains("No model named 'nobody'") && m.contains("none yet"), m);
        assertTrue(usageError("export nobody " + tmp.resolve("x.txt")).contains("must end in .npz"));
        assertTrue(usageError("eval nobody").contains("No model named 'nobody'"));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void loadingADamagedDirectoryIsAClearErrorThatBindsNothing(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("broken"));
        assertTrue(usageError("load " + tmp.resolve("broken") + " --as b").contains("manifest.json is missing"));
    }

    @Test
    void trainListEvalSaveLoadAndExportWorkTogether(@TempDir Path tmp) {
        TrainedModel a = assertInstanceOf(TrainedModel.class, run("train fc10@1e-2 --epochs 1 --as a"));
        assertEquals("a", a.name());
        assertEquals(a, session.get("a", TrainedModel.class, "model"));
        assertTrue(a.manifest().testError() < 0.2, a.toString());

        ModelEvaluation e = assertInstanceOf(ModelEvaluation.class, run("eval a"));
        assertEquals(a.manifest().testError(), e.test().error(), 1e-12);
        assertEquals(10000, e.confusionTable().intColumn("3").sum() + sumOthers(e));

        SavedFile saved = assertInstanceOf(SavedFile.class, run("save a " + tmp.resolve("a")));
        assertTrue(saved.bytes() > 7850 * 4, saved.toString());
        TrainedModel b = assertInstanceOf(TrainedModel.class, run("load " + tmp.resolve("a") + " --as b"));
        assertEquals("fc10@1e-2", b.spec().toString());

        run("export b " + tmp.resolve("b.npz"));
        assertEquals(List.of("fc1.weight", "fc1.bias"), List.copyOf(Npz.read(tmp.resolve("b.npz")).keySet()));

        ModelList list = assertInstanceOf(ModelList.class, run("list"));
        assertEquals(List.of("a", "b"), list.table().stringColumn("name").asList());
        assertEquals(list.table().doubleColumn("test error %").get(0), list.table().doubleColumn("test error %").get(1));
        assertEquals(6, shown.size(), "every action displays its result");
    }

    private static int sumOthers(ModelEvaluation e) {
        int sum = 0;
        for (int p = 0; p < 10; p++) {
            if (p != 3) {
                sum += e.confusionTable().intColumn(Integer.toString(p)).sum();
            }
        }
        return sum;
    }

    private static ModelCommand parse(String line) {
        return ModelCommand.parse(ModelMagic.SPEC, Arrays.asList(line.split(" +")));
    }

    @Test
    void optionsPrintTheirCanonicalCommandLine() {
        ModelCommand o = parse("train fc100-100-10 --split p1 --as b");
        assertTrue(o.toString().startsWith("%model train fc100-100-10 --data mnist --split p1 --epochs "), o.toString());
        assertTrue(o.toString().endsWith("--as b"), o.toString());
        assertEquals("fc10_1e_2", assertInstanceOf(ModelCommand.Train.class, parse("train fc10@1e-2")).name());
        assertEquals("%model load /tmp/m --as m", parse("load /tmp/m").toString());
        assertEquals("%model save a /tmp/a", parse("save a /tmp/a").toString());
        assertEquals("%model export a a.npz", parse("export a a.npz").toString());
        assertEquals("%model eval a --data fashion-mnist", parse("eval a --data fashion-mnist").toString());
        assertEquals("%model list", parse("list").toString());
    }

    @Test
    void eachActionParsesToItsOwnCommandHoldingOnlyWhatItNeeds() {
        ModelCommand.Train t = assertInstanceOf(ModelCommand.Train.class, parse("train fc100-100-10 --split p2 --seed 7"));
        assertEquals(Split.P2, t.options().split());
        assertEquals(7, t.options().seed());
        assertEquals("fc100_100_10", t.name());
        assertEquals(new ModelCommand.Load(Path.of("models/a"), "a"), parse("load models/a"));
        assertEquals(new ModelCommand.Save("a", Path.of("out")), parse("save a out"));
        assertEquals(new ModelCommand.Export("a", Path.of("a.npz")), parse("export a a.npz"));
        assertEquals(new ModelCommand.Eval("a", "mnist"), parse("eval a"));
        assertEquals(new ModelCommand.ListModels(), parse("list"));
    }

    @Test
    void badAdversarialTrainingOptionsAreOneParagraphBeforeAnyTraining() {
        for (String[] c : new String[][] {
                {"train fc100-100-10 --adversarial deepfool --as r", "--adversarial expects one of lbfgs, fgsm, pgd; got 'deepfool'"},
                {"train fc100-100-10 --pool 500 --as r", "--pool tunes adversarial training; give it with --adversarial lbfgs|fgsm|pgd"},
                {"train fc100-100-10 --adversarial lbfgs --eps 0.1 --as r", "lbfgs finds the smallest distortion itself"},
                {"train fc100-100-10 --adversarial fgsm --refresh 0 --as r", "--refresh expects a number above 0 and at most 1"},
                {"train fc100-100-10 --adversarial fgsm --mix 2 --as r", "--mix expects a number from 0.0 to 1.0; got 2"},
                {"train fc100-100-10 --adversarial pgd --pool 0 --as r", "--pool expects a whole number from 1 to 100000"},
                {"train fc100-100-10 --adversarial pgd --eps x --as r", "--eps expects a number"},
                {"eval a --adversarial fgsm", "--adversarial applies to %model train only"}}) {
            String m = usageError(c[0]);
            assertTrue(m.contains(c[1]), c[0] + " -> " + m);
            assertFalse(m.contains("\n"), "one paragraph: " + m);
        }
    }

    @Test
    void adversarialTrainingParsesToTypedSettingsWithDefaultsAndPrintsThem() {
        ModelCommand.Train t = assertInstanceOf(ModelCommand.Train.class,
                parse("train fc100-100-10 --adversarial pgd --mix 0.25 --as robust"));
        assertEquals(new AdversarialSettings("pgd", AdversarialSettings.DEFAULT_POOL, AdversarialSettings.DEFAULT_REFRESH,
                0.25, AdversarialSettings.DEFAULT_EPS), t.options().adversarial());
        assertTrue(t.toString().endsWith("--shift 1 --adversarial pgd --pool 10000 --refresh 1.0 --mix 0.25 --eps 0.05 --as robust"),
                t.toString());
        ModelCommand.Train f = assertInstanceOf(ModelCommand.Train.class,
                parse("train fc100-100-10 --adversarial fgsm --pool 2000 --refresh 0.5 --eps 0.1"));
        assertEquals(new AdversarialSettings("fgsm", 2000, 0.5, 0.5, 0.1), f.options().adversarial());
        assertNull(assertInstanceOf(ModelCommand.Train.class, parse("train fc100-100-10")).options().adversarial());
        assertTrue(Double.isNaN(assertInstanceOf(ModelCommand.Train.class,
                parse("train fc100-100-10 --adversarial lbfgs")).options().adversarial().eps()), "L-BFGS has no budget");
        assertTrue(ModelMagic.SPEC.usage().contains("--adversarial lbfgs|fgsm|pgd [--pool N (10000)]"), ModelMagic.SPEC.usage());
    }

    @Test
    void aSpecOneHiddenLayerShortOfAPaperNetSuggestsThePapersName() {
        String m = usageError("train fc100 --as a");
        assertTrue(m.contains("fc100 ends in 100 outputs but mnist has 10 classes; did you mean fc100-100-10?"), m);
        assertFalse(m.contains("end the spec in -10"), "no pointer to fc100-10: " + m);
        assertTrue(usageError("train fc200-200 --as a").contains("did you mean fc200-200-10?"));
        assertTrue(usageError("train fc100-5 --as c").contains("end the spec in -10."));
    }
}
