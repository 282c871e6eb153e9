/**
 * The self-checks of the classroom labs ({@link dev.intriguing.labs.Check}, whose verdict is a
 * {@link dev.intriguing.labs.CheckResult}, never an exception), and the paper's own numbers as data
 * ({@link dev.intriguing.labs.PaperTables}), read by the reproduction notebooks and tests so that each figure is
 * typed in one place, and set beside ours with the difference.
 */
package dev.intriguing.labs;
