/**
 * Immutable network specifications and the graphs they build: the linear autoencoders of the
 * efficient-coding paper (tied {@code WᵀW}, untied {@code W2W1}, {@code W3W2W1}), general linear
 * chains, weight initialisers, and named probe points on every layer output.
 *
 * <pre>{@code
 * LinearAutoencoder tied = Networks.linearAutoencoder().tied();                 // M = WᵀW, init ±0.005
 * LinearAutoencoder three = Networks.linearAutoencoder().factors(3).initScale(0.02);
 * }</pre>
 */
@NullMarked
package io.github.gradsense.network;

import org.jspecify.annotations.NullMarked;
