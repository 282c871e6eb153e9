/**
 * The self-checks of the classroom labs ({@link dev.intriguing.labs.Check}, whose verdict is a
 * {@link dev.intriguing.labs.CheckResult}, never an exception); the paper's own numbers as data
 * ({@link dev.intriguing.labs.PaperTables}), read by the reproduction notebooks, the report and the tests so that each
 * figure is typed in one place, and set beside ours with the difference; our values in the paper's shape
 * ({@link dev.intriguing.labs.Reproduced}), saved as CSV where a reproduction run asks for them
 * ({@link dev.intriguing.labs.Results}).
 */
package dev.intriguing.labs;
