package dev.intriguing.kernel;

/**
 * A kernel that can define notebook variables: the extension hands it declarations such as
 * {@code dev.intriguing.datasets.api.ImageSet mnist = (...) IntriguingExtension.bound("mnist");}.
 */
public interface VariableBinder {
    /**
     * Defines variable {@code name} by evaluating {@code declaration} as soon as the running snippet has finished; a
     * later declaration of the same name before then replaces this one.
     */
    void defineVariable(String name, String declaration);
}
