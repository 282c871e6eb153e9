package dev.intriguing.kernel;

/**
 * A kernel that can define notebook variables: the extension hands it declarations such as
 * {@code dev.intriguing.datasets.api.ImageSet mnist = (...) IntriguingExtension.bound("mnist");}.
 */
public interface VariableBinder {
    /** Defines a variable by evaluating {@code declaration} as soon as the running snippet has finished. */
    void defineVariable(String declaration);
}
