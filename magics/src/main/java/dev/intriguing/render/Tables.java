package dev.intriguing.render;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as HTML and as text: the one place that turns a result's {@code table()} into markup.
 *
 * <pre>{@code
 * Tables.html(Table.create("counts").addColumns(IntColumn.create("label", 0, 1)))
 * // <table class="intriguing"><caption>counts</caption><thead><tr><th>label</th></tr></thead>...
 * }</pre>
 */
public final class Tables {
    /** Tables longer than this show their first rows and a line saying how many were left out. */
    public static final int MAX_ROWS = 200;

    private Tables() {
    }

    /** An HTML {@code <table>} with the table's name as caption; numbers are right-aligned. */
    public static String html(Table table) {
        StringBuilder b = new StringBuilder(256 + table.rowCount() * 64);
        b.append("<table class=\"intriguing\">");
        if (table.name() != null && !table.name().isBlank()) {
            b.append("<caption style=\"text-align:left;font-weight:bold\">").append(escape(table.name())).append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            b.append("<th>").append(escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int rows = Math.min(table.rowCount(), MAX_ROWS);
        for (int r = 0; r < rows; r++) {
            b.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = c.type().equals(tech.tablesaw.api.ColumnType.INTEGER)
                        || c.type().equals(tech.tablesaw.api.ColumnType.DOUBLE)
                        || c.type().equals(tech.tablesaw.api.ColumnType.LONG)
                        || c.type().equals(tech.tablesaw.api.ColumnType.FLOAT);
                b.append(numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(escape(c.getString(r))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (table.rowCount() > rows) {
            b.append("<p>").append(table.rowCount() - rows).append(" more rows not shown.</p>");
        }
        return b.toString();
    }

    /** The table as aligned text, as Tablesaw prints it. */
    public static String text(Table table) {
        return table.rowCount() > MAX_ROWS ? table.first(MAX_ROWS).print() + "\n(" + (table.rowCount() - MAX_ROWS)
                + " more rows)" : table.print();
    }

    /** {@code s} with the five HTML special characters escaped. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
