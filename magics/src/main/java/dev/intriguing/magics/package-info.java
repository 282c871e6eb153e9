/**
 * One small class per magic: parse and validate the arguments at the edge, call the science, bind the result in the
 * session, display it, return it. {@link dev.intriguing.magics.MagicCatalog} lists them all, each with the renderers of
 * its results and the packages notebooks import for it.
 */
package dev.intriguing.magics;
