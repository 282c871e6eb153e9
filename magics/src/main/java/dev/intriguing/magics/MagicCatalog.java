package dev.intriguing.magics;

import dev.intriguing.render.AdversarialRenders;
import dev.intriguing.render.DatasetRenders;
import dev.intriguing.render.EnvironmentRenders;
import dev.intriguing.render.ModelRenders;
import dev.intriguing.render.Renderers;
import dev.intriguing.render.SpectralRenders;
import dev.intriguing.render.TransferRenders;
import dev.intriguing.render.UnitsRenders;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every magic of the project, in the order {@code %intriguing} lists them, each with the renderers of its results and
 * the packages a notebook imports for it. Adding a magic is its own files plus one line in {@link #ENTRIES}.
 */
public final class MagicCatalog {
    /** What one magic brings: how to create it, how its results render, and the packages cells should see. */
    public record Entry(Function<MagicContext, Magic> factory, Consumer<Renderer> renderers, List<String> imports) {
        public Entry {
            imports = List.copyOf(imports);
        }
    }

    /**
     * Imports every notebook gets whatever the magics: the session, progress, rendering, tables and charts, and the
     * labs' self-checks.
     */
    public static final List<String> COMMON_IMPORTS = List.of("dev.intriguing.session.*", "dev.intriguing.core.*",
            "dev.intriguing.render.*", "tech.tablesaw.api.*", "org.knowm.xchart.*", "dev.intriguing.labs.*");

    /** One line per magic; see HelpMagic for the table that lists them. */
    public static final List<Entry> ENTRIES = List.of(
            new Entry(HelpMagic::new, r -> { }, List.of()),
            new Entry(EnvironmentMagic::new, EnvironmentRenders::register, List.of("dev.intriguing.report.*")),
            new Entry(DatasetMagic::new, DatasetRenders::register, List.of("dev.intriguing.datasets.api.*")),
            new Entry(ModelMagic::new, ModelRenders::register, List.of("dev.intriguing.models.*", "ai.djl.ndarray.*", "ai.djl.ndarray.types.*")),
            new Entry(AdversarialMagic::new, AdversarialRenders::register, List.of("dev.intriguing.adversarial.*")),
            new Entry(UnitsMagic::new, UnitsRenders::register, List.of("dev.intriguing.units.*")),
            new Entry(TransferMagic::new, TransferRenders::register,
                    List.of("dev.intriguing.transfer.*", "dev.intriguing.labs.*")),
            new Entry(CurveMagic::new, r -> { }, List.of("dev.intriguing.transfer.*")),
            new Entry(LipschitzMagic::new, SpectralRenders::register, List.of("dev.intriguing.spectral.*")));

    private MagicCatalog() {
    }

    /** New instances of every magic, sharing {@code context}. */
    public static List<Magic> create(MagicContext context) {
        List<Magic> all = new ArrayList<>();
        for (Entry e : ENTRIES) {
            all.add(e.factory().apply(context));
        }
        return all;
    }

    /** Registers the common table and chart renderers, then every entry's, into {@code renderer}. */
    public static void registerRenderers(Renderer renderer) {
        Renderers.registerAll(renderer, ENTRIES.stream().map(Entry::renderers).toList());
    }

    /** The packages notebooks import: {@link #COMMON_IMPORTS}, then each entry's, without repeats. */
    public static List<String> imports() {
        Set<String> all = new LinkedHashSet<>(COMMON_IMPORTS);
        ENTRIES.forEach(e -> all.addAll(e.imports()));
        return List.copyOf(all);
    }
}
