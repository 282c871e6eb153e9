/** The paper's MNIST model family by name, training on DJL/MXNet, evaluation, saving, loading and .npz export. */
package dev.intriguing.models;
