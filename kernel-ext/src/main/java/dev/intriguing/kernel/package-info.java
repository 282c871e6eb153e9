/**
 * The Jupyter side: {@link dev.intriguing.kernel.IntriguingExtension} installs every magic and renderer of the
 * catalogue into any kernel built on jupyter-jvm-basekernel 2.3.0 (stock IJava included), one session per kernel, and
 * {@link dev.intriguing.kernel.IntriguingKernel} is our own IJava-compatible in-process JShell kernel: glue over
 * {@code CellEvaluator} (cells and snippets), {@code ErrorFormatter}, {@link dev.intriguing.kernel.ClasspathMagics},
 * {@code MagicDispatcher}, {@code CodeAssist}, {@code KernelStartup}, the {@link dev.intriguing.kernel.HistoryManager}
 * and {@code ShellReplies} (the replies where basekernel's fall short of Jupyter's message spec);
 * {@link dev.intriguing.kernel.KernelSpec} and {@link dev.intriguing.kernel.ClassDataArchive} say how Jupyter starts it.
 */
package dev.intriguing.kernel;
