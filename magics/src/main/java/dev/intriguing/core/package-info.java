/** Small pieces every science package shares: progress reporting and interruption. No Jupyter types. */
package dev.intriguing.core;
