package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The catalogue: one entry per magic, bringing the magic, its renderers and its imports. */
class MagicCatalogTests {
    @Test
    void eachEntryCreatesOneMagicWithItsOwnName() {
        List<Magic> magics = MagicCatalog.create(new MagicContext(new Session(Datasets.standard()), Displayer.NONE));
        assertEquals(MagicCatalog.ENTRIES.size(), magics.size());
        assertEquals(magics.size(), new HashSet<>(magics.stream().map(m -> m.spec().name()).toList()).size());
    }

    @Test
    void importsAreTheCommonOnesThenEachEntrysOnce() {
        List<String> imports = MagicCatalog.imports();
        assertEquals(MagicCatalog.COMMON_IMPORTS, imports.subList(0, MagicCatalog.COMMON_IMPORTS.size()));
        assertEquals(imports.size(), new HashSet<>(imports).size());
        MagicCatalog.ENTRIES.forEach(e -> assertTrue(imports.containsAll(e.imports()), e.imports().toString()));
        assertTrue(imports.contains("dev.intriguing.datasets.api.*"), imports.toString());
    }

    @Test
    void registeredRenderersShowTablesAsHtml() {
        Renderer renderer = new Renderer();
        MagicCatalog.registerRenderers(renderer);
        String html = String.valueOf(renderer.render(Table.create("t")).getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<table"), html);
    }
}
