package io.github.gradsense.train;

import static io.github.gradsense.runtime.Checks.checkNonNegative;
import static io.github.gradsense.runtime.Checks.checkPositive;
import static io.github.gradsense.runtime.Checks.checkRange;

import java.util.Objects;

/**
 * How to train: an immutable record with fluent withers, validated on construction (messages name
 * the field and its allowed range).
 *
 * <p>Two modes. {@link Mode#MINI_BATCH}: plain SGD on the reconstruction loss
 * {@code L = (1/(B d)) Σ_b ‖x_b − (M x_b + n_b)‖²} (torch's mean MSE against the output plus noise
 * {@code n ~ N(0, σ²)}, METHODS §C4), each epoch a fresh random permutation cut into batches of
 * {@code B} (the last one partial). {@link Mode#EXPECTED_GRADIENT}: the same loss averaged over the
 * data, {@code L = (1/d) tr((I − M) Σ (I − M)ᵀ) + σ²}, whose gradient is the mean of the mini-batch
 * gradients: the infinite-batch dynamics, from the covariance alone.
 *
 * <p>Output noise is on by default in mini-batch mode (σ = 0.1, the authors' code); it adds
 * zero-mean gradient noise and nothing in expectation. Its realisation is
 * {@link NoiseRealisation#CONDITIONAL} by default (exact in law, cheaper);
 * {@link NoiseRealisation#PER_PIXEL} draws every pixel's noise as the authors' code does.
 *
 * <pre>{@code
 * Training t = Training.sgd(1.0).batch(4096).epochs(100).seed(3).outputNoise(0.0);
 * }</pre>
 *
 * @param mode mini-batch SGD or expected gradient
 * @param learningRate step size η, finite and &gt; 0
 * @param batchSize mini-batch size B, in [1, 2^31 − 1] (ignored by the expected gradient)
 * @param steps number of updates, in [0, 10^9]; 0 means "from {@code epochs}"
 * @param epochs number of epochs when {@code steps} is 0, in [0, 10^7]
 * @param seed seed of the batch order and the noise
 * @param outputNoise standard deviation σ of the output noise, in [0, 10]
 * @param noiseRealisation how the noise enters a mini-batch gradient
 * @param pcBasis let the expected-gradient trainer store weights in the data's PC basis (same
 *     trajectory, cheaper steps)
 * @param momentum heavy-ball momentum μ, in [0, 0.999] (0: plain SGD)
 * @param weightDecay L2 weight decay λ added to weight gradients, in [0, 1]
 * @param schedule step-wise learning-rate schedule
 * @param checkpointEvery updates between checkpoints (0: none), in [0, 10^9]
 */
public record Training(
    Mode mode,
    double learningRate,
    int batchSize,
    long steps,
    int epochs,
    long seed,
    double outputNoise,
    NoiseRealisation noiseRealisation,
    boolean pcBasis,
    double momentum,
    double weightDecay,
    LearningRateSchedule schedule,
    long checkpointEvery) {

  /** Validates every field. */
  public Training {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(noiseRealisation, "noiseRealisation");
    Objects.requireNonNull(schedule, "schedule");
    checkPositive("learningRate", learningRate);
    checkRange("batchSize", batchSize, 1, Integer.MAX_VALUE);
    checkRange("steps", steps, 0, 1_000_000_000L);
    checkRange("epochs", epochs, 0, 10_000_000);
    checkNonNegative("outputNoise", outputNoise);
    if (outputNoise > 10) {
      throw new IllegalArgumentException("outputNoise must be in [0, 10], got " + outputNoise);
    }
    checkRange("momentum", momentum, 0.0, 0.999);
    checkRange("weightDecay", weightDecay, 0.0, 1.0);
    checkRange("checkpointEvery", checkpointEvery, 0, 1_000_000_000L);
    if (steps == 0 && epochs == 0) {
      throw new IllegalArgumentException("steps or epochs must be > 0, got steps = 0 and epochs = 0");
    }
    if (mode == Mode.EXPECTED_GRADIENT && steps == 0) {
      throw new IllegalArgumentException("the expected gradient counts steps, not epochs: set steps > 0");
    }
  }

  /** Which trainer. */
  public enum Mode {
    /** SGD on random mini-batches. */
    MINI_BATCH,
    /** Full-batch gradient from the data covariance (linear networks). */
    EXPECTED_GRADIENT
  }

  /** How output noise enters a mini-batch gradient. */
  public enum NoiseRealisation {
    /**
     * The noise's effect on the gradient, {@code G = Nᵀ X_b}, drawn from its exact conditional law
     * given the batch: rows i.i.d. {@code N(0, σ² X_bᵀ X_b)}, as {@code σ Z Lᵀ} with
     * {@code L Lᵀ = X_bᵀ X_b} (Cholesky, float64, relative jitter 1e-9). The same law of updates
     * as {@link #PER_PIXEL} at a fraction of its cost; the logged loss counts the noise energy
     * at its expectation {@code σ²}.
     */
    CONDITIONAL,
    /** Noise drawn for every pixel of the batch, as the authors' code. */
    PER_PIXEL
  }

  /** Mini-batch SGD with step {@code learningRate}: batch 4096, 100 epochs, seed 0, output noise 0.1. */
  public static Training sgd(double learningRate) {
    return new Training(Mode.MINI_BATCH, learningRate, 4096, 0, 100, 0, 0.1, NoiseRealisation.CONDITIONAL, false,
        0, 0, LearningRateSchedule.constant(), 0);
  }

  /** The expected-gradient (infinite-batch) trainer: 1000 steps, seed 0, in the PC basis. */
  public static Training expectedGradient(double learningRate) {
    return new Training(Mode.EXPECTED_GRADIENT, learningRate, 1, 1000, 0, 0, 0.1, NoiseRealisation.CONDITIONAL, true,
        0, 0, LearningRateSchedule.constant(), 0);
  }

  private Training with(Mode m, double lr, int b, long st, int ep, long sd, double noise, NoiseRealisation nr, boolean pc,
      double mom, double wd, LearningRateSchedule sch, long ck) {
    return new Training(m, lr, b, st, ep, sd, noise, nr, pc, mom, wd, sch, ck);
  }

  /** With heavy-ball momentum {@code mu} ({@code v ← μv + g}, {@code w ← w − η v}), in [0, 0.999]. */
  public Training momentum(double mu) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, pcBasis, mu, weightDecay, schedule, checkpointEvery);
  }

  /** With L2 weight decay {@code lambda} added to every weight's gradient ({@code g + λw}), in [0, 1]. */
  public Training weightDecay(double lambda) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, pcBasis, momentum, lambda, schedule, checkpointEvery);
  }

  /** With a step-wise learning-rate schedule. */
  public Training schedule(LearningRateSchedule s) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, s, checkpointEvery);
  }

  /** Writes a checkpoint every {@code n} updates into the report folder (0: never). */
  public Training checkpointEvery(long n) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, schedule, n);
  }

  /** With batch size {@code b}. */
  public Training batch(int b) {
    return with(mode, learningRate, b, steps, epochs, seed, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** Train for {@code n} updates. */
  public Training steps(long n) {
    checkRange("steps", n, 1, 1_000_000_000L);
    return with(mode, learningRate, batchSize, n, 0, seed, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** Train for {@code n} epochs (mini-batch mode). */
  public Training epochs(int n) {
    checkRange("epochs", n, 1, 10_000_000);
    return with(mode, learningRate, batchSize, 0, n, seed, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** With seed {@code s}. */
  public Training seed(long s) {
    return with(mode, learningRate, batchSize, steps, epochs, s, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** With another learning rate. */
  public Training learningRate(double lr) {
    return with(mode, lr, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** With output-noise standard deviation {@code sd} (0 for none). */
  public Training outputNoise(double sd) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, sd, noiseRealisation, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** With another noise realisation. */
  public Training noiseRealisation(NoiseRealisation r) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, outputNoise, r, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** Whether the expected-gradient trainer may store weights in the PC basis. */
  public Training pcBasis(boolean on) {
    return with(mode, learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, on, momentum, weightDecay, schedule, checkpointEvery);
  }

  /** Updates per epoch for a data set of {@code n} samples (1 for the expected gradient). */
  public long updatesPerEpoch(int n) {
    if (mode == Mode.EXPECTED_GRADIENT) {
      return 1;
    }
    return (n + (long) batchSize - 1) / batchSize;
  }

  /** Total number of updates for a data set of {@code n} samples. */
  public long totalSteps(int n) {
    return steps > 0 ? steps : epochs * updatesPerEpoch(n);
  }
}
