package dev.intriguing.datasets.api;

/**
 * Marks an exception that means "you asked for something wrong": its message is one paragraph for a person (what
 * was wrong, what is accepted, how to fix it), so a kernel shows that message alone, without a stack trace.
 *
 * <p>It lives in the lowest module so that every module's user-mistake exceptions can carry it, and it names no
 * Jupyter type, so the science packages stay free of them. Implement it only where a trace would tell the user
 * nothing more than the message does.
 */
public interface UserError {
}
