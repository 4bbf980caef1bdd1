/**
 * gradsense's JMH benchmarks and {@link io.github.gradsense.benchmarks.BenchmarkTable}, which turns
 * their results and the PyTorch/numpy peers' into the Markdown table the project keeps. Run them all
 * with {@code sdk/benchmarks/run} (not by CI).
 */
@NullMarked
package io.github.gradsense.benchmarks;

import org.jspecify.annotations.NullMarked;
