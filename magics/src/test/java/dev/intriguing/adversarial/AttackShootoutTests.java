package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shoot-out runs every setup on correctly classified images and reports them in a table and a flat JSON line. */
class AttackShootoutTests {
    @Test
    void everyAttackRunsOnTheSameCorrectlyClassifiedImagesAndLandsInTheJsonLine() {
        SmallMlp model = SmallMlp.trained();
        ImageSet images = AttackShootout.correctlyClassified(model, SmallMlp.mnistTest().slice(0, 40), 5);
        assertEquals(5, images.size());
        int[] pred = model.predict(images);
        for (int i = 0; i < images.size(); i++) {
            assertEquals(images.label(i), pred[i], "image " + i + " is correctly classified");
        }
        List<AttackShootout.Setup> setups = List.of(AttackShootout.SETUPS.get(1), AttackShootout.SETUPS.get(3));
        List<AttackShootout.Run> runs = AttackShootout.run(model, images, setups,
                List.of(Criterion.untargeted(), Criterion.targeted(Targets.next())), Progress.NONE);
        assertEquals(4, runs.size());
        assertEquals(4, AttackShootout.table(runs).rowCount());
        JsonObject json = JsonParser.parseString(AttackBenchmark.json(runs, 5)).getAsJsonObject();
        assertEquals(2, json.get("attack_count").getAsInt());
        for (String attack : List.of("fgsm", "deepfool")) {
            for (String key : List.of("success_rate", "median_distortion", "evaluations_per_example", "examples_per_s")) {
                assertTrue(json.has(attack + "_" + key), attack + "_" + key + " in " + json);
                assertTrue(json.has("mlp64_next_" + attack + "_" + key), json.toString());
            }
            assertTrue(json.get(attack + "_success_rate").getAsDouble() > 0.5, json.toString());
        }
    }
}
