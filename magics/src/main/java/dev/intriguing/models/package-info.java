/**
 * The paper's MNIST model family by name, training on DJL/MXNet, evaluation, saving, loading and .npz export.
 *
 * <p>Entry points: {@link dev.intriguing.models.ModelSpec#parse} names a model; {@link dev.intriguing.models.ModelCache#trained}
 * gives it trained with {@link dev.intriguing.models.TrainOptions#defaults} (once per machine) on the data sets the
 * cache was given;
 * {@link dev.intriguing.models.ModelTrainer} trains without the cache; {@link dev.intriguing.models.ModelStore} saves
 * and loads; {@link dev.intriguing.models.Npz} exports. A {@link dev.intriguing.models.TrainedModel} is the
 * {@link dev.intriguing.models.Classifier} that attacks and unit analyses use, with layers addressable by index and name.
 * Weight decay enters the loss as documented on {@link dev.intriguing.models.ModelSpec}, computed in
 * {@link dev.intriguing.models.Regularization} only. {@link dev.intriguing.models.BatchMixer} is the training loop's one
 * hook for examples made during training; adversarial training ({@link dev.intriguing.models.AdversarialSettings})
 * plugs into it from the {@code adversarial} package, which this package does not depend on.
 */
package dev.intriguing.models;
