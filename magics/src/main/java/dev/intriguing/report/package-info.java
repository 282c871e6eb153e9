/**
 * What a shared run says about itself: the record of the environment a notebook ran in ({@link
 * dev.intriguing.report.Environment}), the rules that judge our numbers against the paper's ({@link
 * dev.intriguing.report.VerdictRules}) and the one-page reproduction report ({@link dev.intriguing.report.ReportPage})
 * that {@code ./intriguing reproduce} writes from the notebooks' result CSVs. No Jupyter types here.
 */
package dev.intriguing.report;
