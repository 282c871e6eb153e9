package dev.intriguing.report;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.labs.PaperTables;
import dev.intriguing.labs.PaperTables.PaperTable;
import dev.intriguing.labs.PaperTables.Unit;
import dev.intriguing.labs.Reproduced;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-page reproduction report ({@code out/index.html}): every table and figure of the paper with ours beside it
 * (the paper's value, ours, the difference and a {@link Verdict}), the rule behind each verdict, and links into the
 * executed notebooks' HTML sections.
 *
 * <p>Our values come only from what the notebooks of this run wrote into the results directory: {@code <id>.csv} per
 * paper table ({@link Reproduced#toCsv}) and {@value #TABLE_5_FILE} (a {@code LipschitzResult} CSV). Links find their
 * section by its heading text in the notebook's HTML, so they follow nbconvert's anchors whatever their spelling.
 *
 * <pre>{@code
 * ReportPage.write(Path.of("out"), Path.of("out/results"), runs, "full", 171.0)   // out/index.html
 * }</pre>
 */
public final class ReportPage {
    /** The results file of notebook 13 that holds our conv net's per-layer bounds. */
    public static final String TABLE_5_FILE = "table5-conv.csv";

    /** One executed notebook of the run. */
    public record NotebookRun(String name, boolean ok, double seconds, String failure) {
    }

    /**
     * Where a paper item is reproduced: a notebook (file name without extension) and a text of its heading, specific
     * enough that no earlier heading of the notebook contains it (the first match wins).
     */
    record Place(String notebook, String heading) {
    }

    /** A figure of the paper and what stands for it here. */
    record Figure(String name, String paper, String ours, Place place) {
    }

    static final Map<String, Place> TABLE_PLACES = Map.of(
            "table1", new Place("10-paper-reproduction", "Table 1, ours"),
            "table2", new Place("12-transfer", "Table 2, cross-model"),
            "table3", new Place("12-transfer", "Table 3, models"),
            "table4", new Place("12-transfer", "Table 4, cross-training"),
            "table5", new Place("13-spectral", "Step 1: the conv net"));

    static final List<Figure> FIGURES = List.of(
            new Figure("Figure 1", "MNIST: images that most excite single hidden units",
                    "top images of units of our conv net and FC100-100-10", new Place("11-units", "Figures 1 and 2")),
            new Figure("Figure 2", "MNIST: images that most excite random directions",
                    "the same rows for random directions, side by side", new Place("11-units", "Figures 1 and 2")),
            new Figure("Figure 3", "ImageNet: single units",
                    "no ImageNet here: Fashion-MNIST with the same conv net", new Place("11-units", "Fashion-MNIST")),
            new Figure("Figure 4", "ImageNet: random directions",
                    "no ImageNet here: Fashion-MNIST random directions", new Place("11-units", "Fashion-MNIST")),
            new Figure("Figure 5", "adversarial examples for AlexNet (original, difference x10, adversarial)",
                    "the same triplets for FC100-100-10 on MNIST", new Place("10-paper-reproduction", "Figure 5")),
            new Figure("Figure 6", "adversarial examples for QuocNet (a binary car classifier)",
                    "no QuocNet here: the MNIST triplets of Figure 5", new Place("10-paper-reproduction", "Figure 5")),
            new Figure("Figure 7", "MNIST adversarial examples beside Gaussian noise",
                    "error rate against distortion, adversarial versus noise of the same size",
                    new Place("12-transfer", "error rate against distortion")));

    /** Notebooks that go beyond the paper, listed at the end. */
    static final List<Figure> BEYOND = List.of(
            new Figure("Units, measured", "(not in the paper) purity and coherence of every unit against random"
                    + " directions", "permutation tests per layer", new Place("11-units", "verdict")),
            new Figure("Certified radii", "(not in the paper) margin / bound against the minimal distortions",
                    "per image, per model", new Place("13-spectral", "empirical side")),
            new Figure("Attack shoot-out", "(not in the paper) L-BFGS beside FGSM, PGD, DeepFool, C&W and FMN",
                    "distortion against cost", new Place("14-attacks", "every attack")));

    private static final Pattern HEADING = Pattern.compile("<h([1-6])[^>]*\\sid=\"([^\"]+)\"[^>]*>(.*?)</h\\1>",
            Pattern.DOTALL);

    private ReportPage() {
    }

    /** Builds the page and writes it atomically to {@code outDir/index.html}; returns its path. */
    public static Path write(Path outDir, Path resultsDir, List<NotebookRun> runs, String size, double totalSeconds)
            throws IOException {
        Path index = outDir.resolve("index.html");
        AtomicFiles.writeString(index, html(outDir, resultsDir, runs, size, totalSeconds));
        return index;
    }

    /** The page's HTML; see the class comment for what it reads. */
    public static String html(Path outDir, Path resultsDir, List<NotebookRun> runs, String size, double totalSeconds)
            throws IOException {
        StringBuilder body = new StringBuilder();
        List<String[]> summary = new ArrayList<>();
        for (Map.Entry<String, PaperTable> e : PaperTables.ALL.entrySet()) {
            String id = e.getKey();
            Place place = TABLE_PLACES.get(id);
            String link = link(outDir, place);
            List<Verdict> verdicts = id.equals("table5")
                    ? table5(body, e.getValue(), resultsDir.resolve(TABLE_5_FILE), link)
                    : table(body, id, e.getValue(), resultsDir.resolve(id + ".csv"), link);
            summary.add(new String[] {"<a href=\"#" + id + "\">" + esc(name(e.getValue())) + "</a>",
                esc(caption(e.getValue())), linkCell(link, place), counts(verdicts),
                badge(VerdictRules.overall(verdicts))});
        }
        body.append("<h2 id=\"figures\">Figures</h2>\n<p class=\"rule\">").append(esc(VerdictRules.figureRule()))
                .append("</p>\n<table class=\"list\"><tr><th>paper</th><th>what the paper shows</th><th>ours</th>"
                        + "<th>section</th><th>verdict</th></tr>\n");
        for (Figure f : FIGURES) {
            String link = link(outDir, f.place());
            Verdict v = link == null ? Verdict.NOT_MEASURED : Verdict.IN_KIND;
            body.append(row(esc(f.name()), esc(f.paper()), esc(f.ours()), linkCell(link, f.place()), badge(v)));
            summary.add(new String[] {"<a href=\"#figures\">" + esc(f.name()) + "</a>", esc(f.paper()),
                linkCell(link, f.place()), "", badge(v)});
        }
        body.append("</table>\n<h2 id=\"beyond\">Beyond the paper</h2>\n<table class=\"list\"><tr><th>item</th>"
                + "<th>what</th><th>ours</th><th>section</th></tr>\n");
        for (Figure f : BEYOND) {
            body.append(row(esc(f.name()), esc(f.paper()), esc(f.ours()), linkCell(link(outDir, f.place()), f.place())));
        }
        body.append("</table>\n");

        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Reproduction report:"
                + " Intriguing properties of neural networks</title>\n<style>\n").append(CSS).append("</style></head>"
                + "<body>\n<h1>Reproduction report: <i>Intriguing properties of neural networks</i>"
                + " (Szegedy et al., 2013)</h1>\n");
        page.append("<p>").append(runLine(runs, size, totalSeconds)).append("</p>\n");
        page.append(notebooks(outDir, runs));
        page.append("<h2 id=\"summary\">Every table and figure</h2>\n<table class=\"list\"><tr><th>paper</th>"
                + "<th>what</th><th>our section</th><th>cells</th><th>verdict</th></tr>\n");
        for (String[] s : summary) {
            page.append(row(s));
        }
        page.append("</table>\n<h2 id=\"rules\">How the verdicts are given</h2>\n<ul class=\"rules\">");
        for (Unit u : Unit.values()) {
            page.append("<li>").append(esc(VerdictRules.rule(u))).append("</li>");
        }
        page.append("<li>").append(esc(VerdictRules.overallRule())).append("</li><li>")
                .append(esc(VerdictRules.figureRule())).append("</li><li>Our values are read from the CSV files the"
                        + " notebooks of this run wrote into <code>").append(esc(outDir.relativize(resultsDir)
                        .toString())).append("/</code>; the paper's from <code>dev.intriguing.labs.PaperTables</code>."
                        + " Each cell reads: ours (large), then the paper's value and ours minus the paper's.</li>"
                        + "</ul>\n");
        page.append(body).append("</body></html>\n");
        return page.toString();
    }

    /** One of Tables 1-4: a grid in the paper's layout, each cell ours beside the paper's with its verdict. */
    private static List<Verdict> table(StringBuilder b, String id, PaperTable paper, Path csv, String link)
            throws IOException {
        Optional<Reproduced> ours = read(paper, csv);
        b.append("<h2 id=\"").append(id).append("\">").append(esc(paper.title())).append("</h2>\n<p>")
                .append(linkCell(link, TABLE_PLACES.get(id)));
        if (ours.isEmpty()) {
            b.append(" &middot; <span class=\"missing\">no results file ").append(esc(csv.getFileName().toString()))
                    .append(": the notebook did not write it in this run</span>");
        }
        b.append("</p>\n<table class=\"grid\"><tr><th>paper's row (our row)</th>");
        for (String c : paper.columns()) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr>\n");
        List<Verdict> verdicts = new ArrayList<>();
        double[][] p = paper.values();
        for (int r = 0; r < p.length; r++) {
            b.append("<tr><th class=\"rowname\">").append(esc(paper.rows().get(r)));
            if (ours.isPresent()) {
                b.append("<br><small>").append(esc(ours.get().ourRows().get(r))).append("</small>");
            }
            b.append("</th>");
            for (int c = 0; c < p[r].length; c++) {
                Unit unit = paper.units().get(c);
                double o = ours.isPresent() ? ours.get().value(r, c) : Double.NaN;
                Verdict v = VerdictRules.verdict(unit, p[r][c], o);
                verdicts.add(v);
                b.append(cell(unit, p[r][c], o, v));
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p class=\"counts\">").append(counts(verdicts)).append("</p>\n");
        return verdicts;
    }

    /** Table 5: the paper's AlexNet bounds, then our conv net's per-layer norms judged against their range. */
    private static List<Verdict> table5(StringBuilder b, PaperTable paper, Path csv, String link) throws IOException {
        double[] bounds = paper.column("upper bound");
        double lo = Arrays.stream(bounds).min().orElseThrow();
        double hi = Arrays.stream(bounds).max().orElseThrow();
        b.append("<h2 id=\"table5\">").append(esc(paper.title())).append("</h2>\n<p>")
                .append(linkCell(link, TABLE_PLACES.get("table5"))).append("</p>\n<div class=\"pair\">"
                        + "<table class=\"list\"><tr><th>paper's layer</th><th>stride</th><th>upper bound</th></tr>\n");
        double[] strides = paper.column("stride");
        for (int r = 0; r < bounds.length; r++) {
            b.append(row(esc(paper.rows().get(r)), strides[r] == 0 ? "N/A" : String.valueOf((int) strides[r]),
                    sig(bounds[r])));
        }
        b.append("</table>\n<table class=\"list\"><tr><th>our layer (conv net, MNIST)</th><th>size</th><th>stride</th>"
                + "<th>operator norm</th><th>verdict against ").append(sig(lo)).append("&ndash;").append(sig(hi))
                .append("</th></tr>\n");
        List<Verdict> verdicts = new ArrayList<>();
        if (!Files.isRegularFile(csv)) {
            b.append("<tr><td colspan=\"5\" class=\"missing\">no results file ").append(esc(csv.getFileName()
                    .toString())).append(": the notebook did not write it in this run</td></tr>\n");
            verdicts.add(Verdict.NOT_MEASURED);
        } else {
            List<String> lines = Files.readAllLines(csv);
            List<String> header = Reproduced.split(lines.get(0));
            int layer = header.indexOf("layer");
            int size = header.indexOf("size");
            int stride = header.indexOf("stride");
            int norm = header.indexOf("operator_norm");
            if (layer < 0 || norm < 0) {
                throw new IllegalArgumentException(csv + ": expected a LipschitzResult CSV with the columns layer and"
                        + " operator_norm; got " + header);
            }
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = Reproduced.split(line);
                double n = Double.parseDouble(f.get(norm));
                if (!(n > 0) || Double.isNaN(n)) {
                    continue; // pooling and flattening have no linear part of their own
                }
                Verdict v = VerdictRules.boundVerdict(lo, hi, n);
                verdicts.add(v);
                b.append(row(esc(f.get(layer)), size < 0 ? "" : esc(f.get(size)), stride < 0 ? "" : esc(f.get(stride)),
                        sig(n), badge(v)));
            }
        }
        b.append("</table></div>\n<p class=\"counts\">").append(counts(verdicts)).append("</p>\n");
        return verdicts;
    }

    private static Optional<Reproduced> read(PaperTable paper, Path csv) throws IOException {
        return Files.isRegularFile(csv) ? Optional.of(Reproduced.readCsv(paper, csv)) : Optional.empty();
    }

    private static String cell(Unit unit, double paper, double ours, Verdict v) {
        String theirs = printed(unit, paper);
        if (v == Verdict.NOT_MEASURED) {
            return "<td class=\"" + v.cssClass() + "\"><b>&ndash;</b><br><small>paper " + theirs + "</small><br><small>"
                    + v.label() + "</small></td>";
        }
        double d = ours - paper;
        String diff = unit == Unit.PERCENT ? String.format(Locale.ROOT, "%+.1f", d) : (d >= 0 ? "+" : "") + sig(d);
        diff = diff.matches("[+-]0(\\.0)?") ? "0" : diff; // a difference that rounds to nothing has no sign
        return "<td class=\"" + v.cssClass() + "\"><b>" + format(unit, ours) + "</b><br><small>paper " + theirs
                + " &middot; &Delta; " + diff + "</small><br><small>" + v.label() + "</small></td>";
    }

    /** The paper's value as the paper prints it: 1.64 stays 1.64, 2 reads 2.0; distortions and bounds as ours. */
    static String printed(Unit unit, double v) {
        if (unit != Unit.PERCENT) {
            return sig(v);
        }
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    static String format(Unit unit, double v) {
        return unit == Unit.PERCENT ? String.format(Locale.ROOT, "%.1f", v) : sig(v);
    }

    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        String s = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** The notebook section that holds {@code place}: {@code notebook.html#anchor}, or null when the page is missing. */
    static String link(Path outDir, Place place) throws IOException {
        Path html = outDir.resolve(place.notebook() + ".html");
        if (!Files.isRegularFile(html)) {
            return null;
        }
        Matcher m = HEADING.matcher(Files.readString(html));
        while (m.find()) {
            String text = m.group(3).replaceAll("<[^>]+>", "").replace("&amp;", "&").replace("&#39;", "'")
                    .replace("&quot;", "\"");
            if (text.contains(place.heading())) {
                return place.notebook() + ".html#" + m.group(2);
            }
        }
        return place.notebook() + ".html";
    }

    private static String linkCell(String link, Place place) {
        if (link == null) {
            return "<span class=\"missing\">" + esc(place.notebook()) + " (not run)</span>";
        }
        return "<a href=\"" + esc(link) + "\">" + esc(place.notebook()) + ": " + esc(place.heading()) + "</a>";
    }

    private static String counts(List<Verdict> verdicts) {
        Map<Verdict, Integer> n = new EnumMap<>(Verdict.class);
        verdicts.forEach(v -> n.merge(v, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((v, k) -> parts.add(k + " " + v.label()));
        return String.join(", ", parts);
    }

    private static String badge(Verdict v) {
        return "<span class=\"badge " + v.cssClass() + "\">" + v.label() + "</span>";
    }

    private static String row(String... cells) {
        StringBuilder b = new StringBuilder("<tr>");
        for (String c : cells) {
            b.append("<td>").append(c).append("</td>");
        }
        return b.append("</tr>\n").toString();
    }

    private static String name(PaperTable t) {
        return t.title().replaceFirst("^Paper ", "").replaceFirst(":.*$", "");
    }

    private static String caption(PaperTable t) {
        return t.title().replaceFirst("^[^:]*: ", "");
    }

    private static String runLine(List<NotebookRun> runs, String size, double totalSeconds) {
        long ok = runs.stream().filter(NotebookRun::ok).count();
        String line = String.format(Locale.ROOT, "Run of %s UTC at size <b>%s</b>: %d of %d notebooks ran to the end"
                + " in %.0f s. The environment (versions, commit, data checksums, seeds) is the first output of each"
                + " notebook.", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)),
                esc(size), ok, runs.size(), totalSeconds);
        if (size.equals("small")) {
            // Judging a small run by the full run's standard would mislead: its transfer cells rest on 20 images.
            line += " <b>Small</b> is CI's size: Tables 2 and 4 rest on 20 attacked images per model, so their cells"
                    + " move by several points; <code>./intriguing reproduce</code> (size full) attacks 1,000.";
        }
        return line;
    }

    private static String notebooks(Path outDir, List<NotebookRun> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<table class=\"list\"><tr><th>notebook</th><th>time</th><th>status</th>"
                + "</tr>\n");
        for (NotebookRun r : runs) {
            String name = "<a href=\"" + esc(r.name()) + ".html\">" + esc(r.name()) + "</a> (<a href=\"" + esc(r.name())
                    + ".ipynb\">ipynb</a>)";
            String status = r.ok() ? "ran to the end" : "<span class=\"missing\">failed: " + esc(r.failure())
                    + "</span>";
            b.append(row(name, String.format(Locale.ROOT, "%.1f s", r.seconds()), status));
        }
        return b.append("</table>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = String.join("\n",
            "body { font-family: sans-serif; margin: 1.5em 2em; color: #222; max-width: 1300px; }",
            "h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }",
            "table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }",
            "th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }",
            "th { background: #f2f2f2; } th.rowname { font-weight: normal; background: #fafafa; }",
            "table.list td:first-child { white-space: nowrap; }",
            "table.grid td { text-align: center; min-width: 5.5em; } table.grid td b { font-size: 1.1em; }",
            "small { color: #555; } .rule, .rules { font-size: 0.9em; color: #333; }",
            ".reproduced { background: #dff3df; } .in-kind { background: #fdf3d0; } .differs { background: #f8d7d5; }",
            ".not-measured { background: #eee; color: #777; } .missing { color: #a33; }",
            ".badge { padding: 1px 6px; border-radius: 3px; white-space: nowrap; }",
            ".pair { display: flex; gap: 2em; align-items: flex-start; } .counts { font-size: 0.85em; color: #555; }",
            "");
}
