/**
 * Training: plain SGD on mini-batches (each epoch a fresh permutation, last batch partial, as the
 * authors' code) and the full-batch expected-gradient mode for linear networks, which uses only
 * the data's covariance; divergence detection; step callbacks.
 *
 * <pre>{@code
 * Training sgd = Training.miniBatch(1.0).batch(16_384).epochs(1000).seed(7);       // the paper's tied run
 * Training eg = Training.expectedGradient(1.0).steps(7_000);                // same dynamics, no sampling noise
 * }</pre>
 */
@NullMarked
package io.github.gradsense.train;

import org.jspecify.annotations.NullMarked;
