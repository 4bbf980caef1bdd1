package io.github.gradsense.train;

import static io.github.gradsense.internal.Checks.checkNonNegative;
import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * How to train: one immutable record per trainer, each holding only the settings its trainer
 * honours, validated on construction (messages name the field and its allowed range). Every update
 * is {@code w ← w − η_t (v)}, {@code v ← μ v + g + λ w} ({@link SgdUpdates}), with
 * {@code η_t} from the {@link LearningRateSchedule}.
 *
 * <ul>
 *   <li>{@link Sgd} ({@link #sgd}): any network on a {@code task(...)}, one fresh mini-batch per
 *       update, counted in steps ({@link SgdTrainer}).
 *   <li>{@link MiniBatch} ({@link #miniBatch}): a linear autoencoder on a data set, each epoch a
 *       fresh permutation cut into batches of {@code B} (the last partial), on the loss
 *       {@code L = (1/(B d)) Σ_b ‖x_b − (M x_b + n_b)‖²} with output noise {@code n ~ N(0, σ²)}
 *       (METHODS §C4; σ = 0.1 by default, the authors' code) ({@link LinearTrainer}).
 *   <li>{@link ExpectedGradient} ({@link #expectedGradient}): the same loss averaged over the data,
 *       {@code L = (1/d) tr((I − M) Σ (I − M)ᵀ) + σ²}, the infinite-batch dynamics from the
 *       covariance alone ({@link LinearTrainer}).
 * </ul>
 *
 * <p>Which trainer a record asks for is checked against the experiment before any native work: a
 * task with {@code expectedGradient}, or a data set with {@code sgd}, is an error naming the record
 * to use. Run records name the kind by the closed list of JSON type names {@code sgd},
 * {@code mini-batch}, {@code expected-gradient}.
 *
 * <pre>{@code
 * Training cnn = Training.sgd(0.01).batch(128).steps(4000).momentum(0.9).weightDecay(5e-4);
 * Training tied = Training.miniBatch(1.0).batch(16_384).epochs(1000).seed(7);
 * Training eg = Training.expectedGradient(1.0).steps(7_000);
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Training.Sgd.class, name = "sgd"),
    @JsonSubTypes.Type(value = Training.MiniBatch.class, name = "mini-batch"),
    @JsonSubTypes.Type(value = Training.ExpectedGradient.class, name = "expected-gradient")})
public sealed interface Training permits Training.Sgd, Training.MiniBatch, Training.ExpectedGradient {

  /** Mini-batch SGD on a task: batch 128, 1000 steps, seed 0, no momentum or weight decay. */
  static Sgd sgd(double learningRate) {
    return new Sgd(learningRate, 128, 1000, 0, 0, 0, LearningRateSchedule.constant(), 0);
  }

  /** Mini-batch SGD of a linear autoencoder on a data set: batch 4096, 100 epochs, seed 0, output noise 0.1. */
  static MiniBatch miniBatch(double learningRate) {
    return new MiniBatch(learningRate, 4096, 0, 100, 0, 0.1, NoiseRealisation.CONDITIONAL, 0, 0,
        LearningRateSchedule.constant(), 0);
  }

  /** The expected-gradient (infinite-batch) trainer: 1000 steps, seed 0, output noise 0.1, in the PC basis. */
  static ExpectedGradient expectedGradient(double learningRate) {
    return new ExpectedGradient(learningRate, 1000, 0, 0.1, true, 0, 0, LearningRateSchedule.constant(), 0);
  }

  /** Step size η, finite and &gt; 0. */
  double learningRate();

  /** Number of updates (0 for a {@link MiniBatch} counted in epochs). */
  long steps();

  /** Seed of the initial weights, the batch order and the noise. */
  long seed();

  /** Heavy-ball momentum μ, in [0, 0.999] (0: plain SGD). */
  double momentum();

  /** L2 weight decay λ added to weight gradients, in [0, 1]. */
  double weightDecay();

  /** The step-wise learning-rate schedule. */
  LearningRateSchedule schedule();

  /** Updates between checkpoints (0: none), in [0, 10^9]. */
  long checkpointEvery();

  /** Updates per epoch for a data set of {@code n} samples (1 where a step is not a batch of a data set). */
  long updatesPerEpoch(int n);

  /** Total number of updates for a data set of {@code n} samples. */
  long totalSteps(int n);

  /** With seed {@code s}. */
  Training seed(long s);

  /** With another learning rate. */
  Training learningRate(double lr);

  /** Train for {@code n} updates, in [1, 10^9]. */
  Training steps(long n);

  /** With heavy-ball momentum {@code mu} ({@code v ← μv + g}, {@code w ← w − η v}), in [0, 0.999]. */
  Training momentum(double mu);

  /** With L2 weight decay {@code lambda} added to every weight's gradient ({@code g + λw}), in [0, 1]. */
  Training weightDecay(double lambda);

  /** With a step-wise learning-rate schedule. */
  Training schedule(LearningRateSchedule s);

  /** Writes a checkpoint every {@code n} updates into the report folder (0: never). */
  Training checkpointEvery(long n);

  /** How output noise enters a mini-batch gradient. */
  enum NoiseRealisation {
    /**
     * The noise's effect on the gradient, {@code G = Nᵀ X_b}, drawn from its exact conditional law
     * given the batch: rows i.i.d. {@code N(0, σ² X_bᵀ X_b)}, as {@code σ Z Lᵀ} with
     * {@code L Lᵀ = X_bᵀ X_b} (Cholesky, float64, relative jitter 1e-9). The same law of updates
     * as {@link #PER_PIXEL} at a fraction of its cost; the logged loss counts the noise energy
     * at its expectation {@code σ²}. At a batch no larger than the dimension, where {@code X_bᵀ X_b} is
     * singular, the noise is drawn per pixel instead (the same law).
     */
    CONDITIONAL,
    /** Noise drawn for every pixel of the batch, as the authors' code. */
    PER_PIXEL
  }

  /**
   * Mini-batch SGD on a task ({@link SgdTrainer}): update {@code t} draws {@code task.batch(seed, t, B)}.
   *
   * <pre>{@code
   * Training.Sgd t = Training.sgd(0.01).batch(128).steps(4000).momentum(0.9).weightDecay(5e-4).seed(2);
   * }</pre>
   *
   * @param learningRate step size η, finite and &gt; 0
   * @param batchSize mini-batch size B, in [1, 2^31 − 1]
   * @param steps number of updates, in [1, 10^9]
   * @param seed seed of the initial weights and the batches
   * @param momentum heavy-ball momentum μ, in [0, 0.999]
   * @param weightDecay L2 weight decay λ, in [0, 1]
   * @param schedule step-wise learning-rate schedule
   * @param checkpointEvery updates between checkpoints (0: none), in [0, 10^9]
   */
  record Sgd(double learningRate, int batchSize, long steps, long seed, double momentum, double weightDecay,
      LearningRateSchedule schedule, long checkpointEvery) implements Training {

    /** Validates every field. */
    public Sgd {
      checkPositive("learningRate", learningRate);
      checkRange("batchSize", batchSize, 1, Integer.MAX_VALUE);
      checkRange("steps", steps, 1, 1_000_000_000L);
      checkUpdate(momentum, weightDecay, schedule, checkpointEvery);
    }

    /** With batch size {@code b}. */
    public Sgd batch(int b) {
      return new Sgd(learningRate, b, steps, seed, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public Sgd steps(long n) {
      return new Sgd(learningRate, batchSize, n, seed, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public Sgd seed(long s) {
      return new Sgd(learningRate, batchSize, steps, s, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public Sgd learningRate(double lr) {
      return new Sgd(lr, batchSize, steps, seed, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public Sgd momentum(double mu) {
      return new Sgd(learningRate, batchSize, steps, seed, mu, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public Sgd weightDecay(double lambda) {
      return new Sgd(learningRate, batchSize, steps, seed, momentum, lambda, schedule, checkpointEvery);
    }

    @Override
    public Sgd schedule(LearningRateSchedule s) {
      return new Sgd(learningRate, batchSize, steps, seed, momentum, weightDecay, s, checkpointEvery);
    }

    @Override
    public Sgd checkpointEvery(long n) {
      return new Sgd(learningRate, batchSize, steps, seed, momentum, weightDecay, schedule, n);
    }

    @Override
    public long updatesPerEpoch(int n) {
      return 1;
    }

    @Override
    public long totalSteps(int n) {
      return steps;
    }
  }

  /**
   * Mini-batch SGD of a linear autoencoder on a data set, with output noise ({@link LinearTrainer}).
   *
   * <pre>{@code
   * Training.MiniBatch t = Training.miniBatch(1.0).batch(4096).epochs(100).outputNoise(0.1).seed(3);
   * }</pre>
   *
   * @param learningRate step size η, finite and &gt; 0
   * @param batchSize mini-batch size B, in [1, 2^31 − 1]
   * @param steps number of updates, in [0, 10^9]; 0 means "from {@code epochs}"
   * @param epochs number of epochs when {@code steps} is 0, in [0, 10^7]
   * @param seed seed of the initial weights, the batch order and the noise
   * @param outputNoise standard deviation σ of the output noise, in [0, 10]
   * @param noiseRealisation how the noise enters a mini-batch gradient
   * @param momentum heavy-ball momentum μ, in [0, 0.999]
   * @param weightDecay L2 weight decay λ, in [0, 1]
   * @param schedule step-wise learning-rate schedule
   * @param checkpointEvery updates between checkpoints (0: none), in [0, 10^9]
   */
  record MiniBatch(double learningRate, int batchSize, long steps, int epochs, long seed, double outputNoise,
      NoiseRealisation noiseRealisation, double momentum, double weightDecay, LearningRateSchedule schedule,
      long checkpointEvery) implements Training {

    /** Validates every field. */
    public MiniBatch {
      Objects.requireNonNull(noiseRealisation, "noiseRealisation");
      checkPositive("learningRate", learningRate);
      checkRange("batchSize", batchSize, 1, Integer.MAX_VALUE);
      checkRange("steps", steps, 0, 1_000_000_000L);
      checkRange("epochs", epochs, 0, 10_000_000);
      checkNoise(outputNoise);
      checkUpdate(momentum, weightDecay, schedule, checkpointEvery);
      if (steps == 0 && epochs == 0) {
        throw new IllegalArgumentException("steps or epochs must be > 0, got steps = 0 and epochs = 0");
      }
    }

    /** With batch size {@code b}. */
    public MiniBatch batch(int b) {
      return new MiniBatch(learningRate, b, steps, epochs, seed, outputNoise, noiseRealisation, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    /** Train for {@code n} epochs. */
    public MiniBatch epochs(int n) {
      checkRange("epochs", n, 1, 10_000_000);
      return new MiniBatch(learningRate, batchSize, 0, n, seed, outputNoise, noiseRealisation, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    /** With output-noise standard deviation {@code sd} (0 for none). */
    public MiniBatch outputNoise(double sd) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, seed, sd, noiseRealisation, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    /** With another noise realisation. */
    public MiniBatch noiseRealisation(NoiseRealisation r) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, seed, outputNoise, r, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    @Override
    public MiniBatch steps(long n) {
      checkRange("steps", n, 1, 1_000_000_000L);
      return new MiniBatch(learningRate, batchSize, n, 0, seed, outputNoise, noiseRealisation, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    @Override
    public MiniBatch seed(long s) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, s, outputNoise, noiseRealisation, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    @Override
    public MiniBatch learningRate(double lr) {
      return new MiniBatch(lr, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, momentum, weightDecay,
          schedule, checkpointEvery);
    }

    @Override
    public MiniBatch momentum(double mu) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, mu, weightDecay,
          schedule, checkpointEvery);
    }

    @Override
    public MiniBatch weightDecay(double lambda) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, momentum, lambda,
          schedule, checkpointEvery);
    }

    @Override
    public MiniBatch schedule(LearningRateSchedule s) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, momentum,
          weightDecay, s, checkpointEvery);
    }

    @Override
    public MiniBatch checkpointEvery(long n) {
      return new MiniBatch(learningRate, batchSize, steps, epochs, seed, outputNoise, noiseRealisation, momentum,
          weightDecay, schedule, n);
    }

    @Override
    public long updatesPerEpoch(int n) {
      return (n + (long) batchSize - 1) / batchSize;
    }

    @Override
    public long totalSteps(int n) {
      return steps > 0 ? steps : epochs * updatesPerEpoch(n);
    }
  }

  /**
   * Gradient descent on the loss averaged over the data, from its covariance alone
   * ({@link LinearTrainer}); one update per step.
   *
   * <pre>{@code
   * Training.ExpectedGradient t = Training.expectedGradient(0.5).steps(3000).seed(1).pcBasis(false);
   * }</pre>
   *
   * @param learningRate step size η, finite and &gt; 0
   * @param steps number of updates, in [1, 10^9]
   * @param seed seed of the initial weights
   * @param outputNoise σ of the output noise, in [0, 10]: adds σ² to the loss and nothing to its gradient
   * @param pcBasis store the weights in the data's PC basis (the same trajectory, cheaper steps)
   * @param momentum heavy-ball momentum μ, in [0, 0.999]
   * @param weightDecay L2 weight decay λ, in [0, 1]
   * @param schedule step-wise learning-rate schedule
   * @param checkpointEvery updates between checkpoints (0: none), in [0, 10^9]
   */
  record ExpectedGradient(double learningRate, long steps, long seed, double outputNoise, boolean pcBasis,
      double momentum, double weightDecay, LearningRateSchedule schedule, long checkpointEvery) implements Training {

    /** Validates every field. */
    public ExpectedGradient {
      checkPositive("learningRate", learningRate);
      checkRange("steps", steps, 1, 1_000_000_000L);
      checkNoise(outputNoise);
      checkUpdate(momentum, weightDecay, schedule, checkpointEvery);
    }

    /** With output-noise standard deviation {@code sd} (0 for none). */
    public ExpectedGradient outputNoise(double sd) {
      return new ExpectedGradient(learningRate, steps, seed, sd, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
    }

    /** Whether to store the weights in the data's PC basis. */
    public ExpectedGradient pcBasis(boolean on) {
      return new ExpectedGradient(learningRate, steps, seed, outputNoise, on, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public ExpectedGradient steps(long n) {
      return new ExpectedGradient(learningRate, n, seed, outputNoise, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public ExpectedGradient seed(long s) {
      return new ExpectedGradient(learningRate, steps, s, outputNoise, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public ExpectedGradient learningRate(double lr) {
      return new ExpectedGradient(lr, steps, seed, outputNoise, pcBasis, momentum, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public ExpectedGradient momentum(double mu) {
      return new ExpectedGradient(learningRate, steps, seed, outputNoise, pcBasis, mu, weightDecay, schedule, checkpointEvery);
    }

    @Override
    public ExpectedGradient weightDecay(double lambda) {
      return new ExpectedGradient(learningRate, steps, seed, outputNoise, pcBasis, momentum, lambda, schedule, checkpointEvery);
    }

    @Override
    public ExpectedGradient schedule(LearningRateSchedule s) {
      return new ExpectedGradient(learningRate, steps, seed, outputNoise, pcBasis, momentum, weightDecay, s, checkpointEvery);
    }

    @Override
    public ExpectedGradient checkpointEvery(long n) {
      return new ExpectedGradient(learningRate, steps, seed, outputNoise, pcBasis, momentum, weightDecay, schedule, n);
    }

    @Override
    public long updatesPerEpoch(int n) {
      return 1;
    }

    @Override
    public long totalSteps(int n) {
      return steps;
    }
  }

  private static void checkNoise(double outputNoise) {
    checkNonNegative("outputNoise", outputNoise);
    if (outputNoise > 10) {
      throw new IllegalArgumentException("outputNoise must be in [0, 10], got " + outputNoise);
    }
  }

  private static void checkUpdate(double momentum, double weightDecay, LearningRateSchedule schedule, long checkpointEvery) {
    Objects.requireNonNull(schedule, "schedule");
    checkRange("momentum", momentum, 0.0, 0.999);
    checkRange("weightDecay", weightDecay, 0.0, 1.0);
    checkRange("checkpointEvery", checkpointEvery, 0, 1_000_000_000L);
  }
}
