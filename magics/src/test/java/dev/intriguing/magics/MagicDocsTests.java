package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The magic table: %intriguing and README.md come from the same specs. */
class MagicDocsTests {
    private static List<MagicSpec> specs() {
        return MagicCatalog.create(new MagicContext(new Session(Datasets.standard()), Displayer.NONE)).stream()
                .map(Magic::spec).toList();
    }

    @Test
    void readmeMagicTableMatchesTheSpecs() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        assertEquals(MagicDocs.updateReadme(text, specs()), text,
                "README.md's magic table is stale: regenerate it with ./intriguing readme");
    }

    @Test
    void helpListsEveryMagicWithItsExample() {
        RecordingDisplayer recorder = new RecordingDisplayer();
        Table t = new HelpMagic(new MagicContext(new Session(Datasets.standard()), recorder)).intriguing(List.of());
        assertEquals(List.of(t), recorder.shown);
        assertEquals(specs().size(), t.rowCount());
        assertEquals(specs().stream().map(s -> "%" + s.name()).toList(), t.stringColumn("magic").asList());
        assertTrue(t.stringColumn("example").asList().contains(DatasetMagic.SPEC.example()));
        assertThrows(MagicUsageException.class, () -> new HelpMagic(new MagicContext(null, recorder)).intriguing(List.of("x")));
    }

    @Test
    void updateReplacesOnlyTheTextBetweenTheMarkers() {
        String readme = "intro\n" + MagicDocs.BEGIN + "\nold table\n" + MagicDocs.END + "\noutro\n";
        String updated = MagicDocs.updateReadme(readme, List.of(DatasetMagic.SPEC));
        assertTrue(updated.startsWith("intro\n" + MagicDocs.BEGIN + "\n| Magic |"), updated);
        assertTrue(updated.endsWith("|\n" + MagicDocs.END + "\noutro\n"), updated);
        assertTrue(updated.contains("`%dataset mnist --split test --limit 1000 --as test`"));
        assertThrows(IllegalArgumentException.class, () -> MagicDocs.updateReadme("no markers", List.of()));
    }
}
