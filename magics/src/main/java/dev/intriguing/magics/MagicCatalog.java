package dev.intriguing.magics;

import java.util.ArrayList;
import java.util.List;

/**
 * Every magic of the project, in the order {@code %intriguing} lists them. Adding a magic is one new class plus one
 * line here.
 */
public final class MagicCatalog {
    private MagicCatalog() {
    }

    /** New instances of every magic, sharing {@code context}. */
    public static List<Magic> create(MagicContext context) {
        List<Magic> all = new ArrayList<>();
        // one line per magic; see HelpMagic for the table that lists them
        all.add(new HelpMagic(context));
        all.add(new DatasetMagic(context));
        all.add(new ModelMagic(context));
        all.add(new AdversarialMagic(context));
        all.add(new UnitsMagic(context));
        return all;
    }
}
