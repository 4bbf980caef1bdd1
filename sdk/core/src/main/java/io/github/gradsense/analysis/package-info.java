/**
 * Analysis with written formulas: crossing and half-times of learning curves, the theory's
 * per-mode dynamics (logistic and Saxe closed forms, the depth-N ODE integrated numerically), and
 * rank correlations.
 *
 * <pre>{@code
 * ModeDynamics theory = ModeDynamics.tiedAutoencoder(1.0, lambda, 256, u0);
 * double predicted = theory.halfTime();
 * double measured = Trajectory.of(steps, u).halfTime();
 * double rho = RankCorrelation.spearman(lambdas, inverseHalfTimes);
 * }</pre>
 */
@NullMarked
package io.github.gradsense.analysis;

import org.jspecify.annotations.NullMarked;
