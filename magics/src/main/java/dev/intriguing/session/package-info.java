/** The workspace of named data sets, models and results that magics and code cells share. */
package dev.intriguing.session;
