package dev.intriguing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.labs.PaperTables;
import dev.intriguing.labs.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTests {
    private static final List<String> T1_OURS = List.of("fc10_4", "fc10_2", "fc10_0", "fc100", "fc200", "ae400");

    /** A page of notebook 10 as nbconvert writes it: headings carry ids and an anchor link. */
    private static void notebookHtml(Path out, String name, String... headings) throws Exception {
        StringBuilder b = new StringBuilder("<html><body>");
        for (String h : headings) {
            String id = h.replace(' ', '-');
            b.append("<h2 id=\"").append(id).append("\">").append(h.replace("'", "&#39;"))
                    .append("<a class=\"anchor-link\" href=\"#").append(id).append("\">&#182;</a></h2>");
        }
        Files.writeString(out.resolve(name + ".html"), b.append("</body></html>"));
    }

    private static Path table1(Path results) {
        double[][] ours = {{6.5, 7.3, 0.061}, {9.9, 9.5, 0.099}, {21, 19.5, 0.14}, {0.6, 1.6, 0.059},
            {0.5, 1.5, 0.066}, {0.6, 2.0, 0.03}};
        Results.save(results, PaperTables.TABLE_1.ours(T1_OURS, ours));
        return results;
    }

    @Test
    void tableOneCellsCarryOursThePapersTheDifferenceAndTheVerdict(@TempDir Path out) throws Exception {
        Path results = table1(out.resolve("results"));
        notebookHtml(out, "10-paper-reproduction", "Step 4: Table 1, ours beside the paper's",
                "Step 5: what the examples look like (the paper's Figure 5)");
        String html = ReportPage.html(out, results, List.of(new ReportPage.NotebookRun("10-paper-reproduction", true,
                12.5, null)), "small", 13);
        // FC100-100-10's test error: ours 1.6 against 1.64, reproduced; AE400-10's distortion 0.03 against 0.086 differs.
        assertTrue(html.contains("<b>1.6</b><br><small>paper 1.64 &middot; &Delta; 0</small><br><small>reproduced"),
                html);
        assertTrue(html.contains("<td class=\"differs\"><b>0.03</b><br><small>paper 0.086 &middot; &Delta; -0.056"),
                html);
        assertTrue(html.contains("href=\"10-paper-reproduction.html#Step-4:-Table-1,-ours-beside-the-paper's\""), html);
        assertTrue(html.contains("href=\"10-paper-reproduction.html#Step-5:-what-the-examples-look-like-(the-paper's"
                + "-Figure-5)\""), html);
        assertTrue(html.contains(VerdictRules.rule(PaperTables.Unit.PERCENT)), "the rule for rates is on the page");
        assertTrue(html.contains("17 reproduced, 1 differs"), html);
    }

    @Test
    void everyTableAndFigureOfThePaperHasARowEvenWhenItsNotebookDidNotRun(@TempDir Path out) throws Exception {
        String html = ReportPage.html(out, out.resolve("results"), List.of(), "full", 0);
        Matcher m = Pattern.compile("<a href=\"#(table[1-5]|figures)\">(Table [1-5]|Figure [1-7])</a>").matcher(html);
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        assertEquals(12, rows, "5 tables and 7 figures in the summary");
        assertTrue(html.contains("no results file table2.csv"), html);
        assertTrue(html.contains("13-spectral (not run)"), html);
        assertFalse(html.contains("class=\"reproduced\""), "nothing is reproduced without results");
    }

    @Test
    void tableFiveJudgesEachOfOurLayersAgainstThePapersRange(@TempDir Path out) throws Exception {
        Path results = Files.createDirectories(out.resolve("results"));
        Files.writeString(results.resolve(ReportPage.TABLE_5_FILE), String.join("\n",
                "model,spec,index,layer,kind,size,stride,padding,operator_norm,method,activation,constant,bound,"
                        + "max_gradient_norm,max_adversarial_ratio,tolerance",
                "\"c\",\"conv\",1,\"conv1\",conv,5x5x1x16,1,0,3.5,\"dft\",\"relu+maxpool\",1.0,3.5,1.0,NaN,1e-6",
                "\"c\",\"conv\",2,\"flatten\",flatten,512,0,0,NaN,\"-\",\"none\",1.0,3.5,1.0,NaN,1e-6",
                "\"c\",\"conv\",3,\"fc2\",dense,100x10,0,0,250.0,\"power\",\"none\",1.0,875,1.0,NaN,1e-6", ""));
        String html = ReportPage.html(out, results, List.of(), "full", 0);
        assertTrue(html.contains("<td>conv1</td><td>5x5x1x16</td><td>1</td><td>3.5</td><td><span class=\"badge"
                + " in-kind\">in kind</span>"), html);
        assertTrue(html.contains("<td>fc2</td><td>100x10</td><td>0</td><td>250</td><td><span class=\"badge"
                + " differs\">differs</span>"), html);
        assertFalse(html.contains("<td>flatten</td>"), "a layer without a linear part is left out");
    }

    @Test
    void writeLeavesIndexHtmlInTheOutputDirectory(@TempDir Path out) throws Exception {
        Path index = ReportPage.write(out, table1(out.resolve("results")), List.of(
                new ReportPage.NotebookRun("10-paper-reproduction", false, 3, "cell 9 (%adversarial ...): Boom: x")),
                "small", 3);
        assertEquals(out.resolve("index.html"), index);
        String html = Files.readString(index);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("0 of 1 notebooks ran to the end"), html);
        assertTrue(html.contains("failed: cell 9 (%adversarial ...): Boom: x"), html);
    }
}
