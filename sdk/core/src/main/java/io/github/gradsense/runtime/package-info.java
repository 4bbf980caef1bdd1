/**
 * The one owner of TensorFlow's lifecycle: {@link io.github.gradsense.runtime.TfSession} opens a
 * {@code Graph} and its {@code Session}, owns every {@code Tensor} it creates, and closes them all.
 * No other package touches {@code Graph}, {@code Session}, {@code Tensor} or {@code Result}.
 *
 * <p>Also here: the numeric {@link io.github.gradsense.runtime.Precision} (float32 by default,
 * float64 for checks), thread counts and device ({@link io.github.gradsense.runtime.RuntimeConfig}),
 * deterministic updates that wait on all
 * gradients, and the {@link io.github.gradsense.runtime.DeviceReport} recorded in every run.
 */
@NullMarked
package io.github.gradsense.runtime;

import org.jspecify.annotations.NullMarked;
