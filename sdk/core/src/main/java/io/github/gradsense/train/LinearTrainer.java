package io.github.gradsense.train;

import io.github.gradsense.data.DataSpec;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.internal.Seeds;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Trains a linear autoencoder {@code y = M x} on the reconstruction loss, in the moment form: a
 * linear network's loss and gradient depend on a batch only through its second moments, so a step
 * forms {@code C = X_bᵀX_b} once and differentiates
 * <pre>
 *   L = [ tr((I − M) C (I − M)ᵀ) − 2 tr((I − M) Gᵀ) + ‖N‖² ] / (B d),    G = Nᵀ X_b,
 * </pre>
 * which equals the per-sample loss {@code (1/(Bd)) Σ_b ‖x_b − M x_b − n_b‖²} exactly, at less than
 * half the FLOPs of a layer-by-layer step. In expected-gradient mode {@code C/B} is replaced by the
 * data covariance {@code Σ} and the noise by its mean: {@code L = (1/d) tr((I − M) Σ (I − M)ᵀ) + σ²};
 * with weights stored in the PC basis, {@code Σ = diag(λ)} and the trace is an element-wise sum.
 *
 * <p>A mini-batch step gathers {@code X_b} in the graph from the sample matrix held by the session
 * and forms {@code C} from its upper block triangle ({@link BatchMoments}: 9/16 of one
 * {@code B·d²} product at {@code d = 1024}); it forms {@code R C} once and seeds reverse mode with
 * {@code ∂L/∂M = −2 (R C − G)/(B d)}, so the {@code d×d} work is {@code M}, {@code R C} and the
 * factors' gradients. Updates wait on every gradient (deterministic steps); the factors' gradients
 * are TensorFlow's reverse-mode derivatives through {@code M = W_N ⋯ W_1} (or {@code WᵀW}).
 *
 * <pre>{@code
 * LinearTrainer<T> trainer = LinearTrainer.create(session, network, dataset, Training.miniBatch(1.0).batch(4096));
 * StepEvent first = trainer.step();
 * }</pre>
 *
 * @param <T> the graph's floating-point type
 */
public final class LinearTrainer<T extends TFloating> implements Trainer {
  private final TfSession<T> s;
  private final Training training;
  private final Dataset data;
  private final Operand<T> loss;
  private final List<Op> updates;
  private final SgdUpdates<T> sgd;
  private final long total;
  private final long perEpoch;
  private final int n;
  private final String advice;
  private final @Nullable Operand<T> endToEndGradient;
  private final @Nullable Placeholder<TInt32> batchIndex;
  private final @Nullable Placeholder<TInt64> noiseSeed;
  private int[] order = new int[0];
  private long orderEpoch = -1;
  private long done;

  private LinearTrainer(TfSession<T> s, LinearNetworkGraph<T> net, Dataset data, Training training) {
    this.s = s;
    this.training = training;
    this.data = data;
    this.n = Math.max(1, data.size());
    this.total = training.totalSteps(data.size());
    this.perEpoch = training.updatesPerEpoch(data.size());
    int d = data.dim();
    Ops tf = s.tf();
    Operand<T> eye = s.identity(d);
    Operand<T> residual = tf.math.sub(eye, net.endToEndStored());
    Operand<T> dScalar = s.scalar(d);
    if (training instanceof Training.ExpectedGradient eg) {
      Operand<T> quad;
      if (net.storedInDataBasis()) {
        // Σ = diag(λ) in the PC basis: tr(R Σ Rᵀ) = Σ_ik R_ik² λ_k
        quad = sum(tf.math.mul(tf.math.square(residual), s.vector(data.pca().eigenvalues())));
      } else {
        quad = sum(tf.math.mul(tf.linalg.matMul(residual, s.constant(data.covariance())), residual));
      }
      double sigma2 = eg.outputNoise() * eg.outputNoise();
      this.loss = tf.math.add(tf.math.div(quad, dScalar), s.scalar(sigma2));
      this.endToEndGradient = null;
      this.batchIndex = null;
      this.noiseSeed = null;
    } else {
      Training.MiniBatch mb = (Training.MiniBatch) training;
      BatchMoments<T> batch = BatchMoments.create(s, data.samples().orElseThrow(), BatchMoments.WIDTH);
      this.batchIndex = batch.index();
      this.noiseSeed = s.longPlaceholder("noise_seed", 2);
      Operand<T> c = batch.secondMoment();
      Operand<TInt32> bInt = tf.reshape(tf.shape(batchIndex), tf.constant(new int[0]));
      Operand<T> b = tf.dtypes.cast(bInt, s.type());
      Operand<T> p = tf.linalg.matMul(residual, c);
      Operand<T> numerator = sum(tf.math.mul(p, residual));
      Operand<T> pMinusG = p;
      double sigma = mb.outputNoise();
      if (sigma > 0) {
        Operand<T> g;
        Operand<T> noiseEnergy;
        // at B ≤ d the batch's X_bᵀX_b is singular (or nearly, in float32) and has no Cholesky factor; drawing
        // the noise per pixel gives the same law of updates, and is no dearer there
        if (mb.noiseRealisation() == Training.NoiseRealisation.PER_PIXEL || mb.batchSize() <= d) {
          Operand<TInt32> shape = tf.stack(List.of(bInt, tf.constant(d)));
          Operand<T> noise = tf.math.mul(tf.random.statelessRandomNormal(shape, noiseSeed, s.type()), s.scalar(sigma));
          List<Operand<T>> gBlocks = new ArrayList<>();
          for (Operand<T> xj : batch.batchBlocks()) {
            gBlocks.add(tf.linalg.matMul(noise, xj, MatMul.transposeA(true)));       // Nᵀ X_b⁽ʲ⁾
          }
          g = gBlocks.size() == 1 ? gBlocks.get(0) : tf.concat(gBlocks, tf.constant(1));
          noiseEnergy = sum(tf.math.square(noise));
        } else {
          Operand<TFloat64> c64 = tf.dtypes.cast(c, TFloat64.class);
          Operand<TFloat64> eye64 = tf.dtypes.cast(eye, TFloat64.class);
          Operand<TFloat64> trace = tf.reduceSum(tf.math.mul(c64, eye64), tf.constant(new int[] {0, 1}));
          Operand<TFloat64> jitter = tf.math.mul(tf.math.div(trace, tf.constant((double) d)), tf.constant(1e-9));
          Operand<TFloat64> chol = tf.linalg.cholesky(tf.math.add(c64, tf.math.mul(eye64, jitter)));
          Operand<TFloat64> z = tf.random.statelessRandomNormal(tf.constant(new long[] {d, d}), noiseSeed, TFloat64.class);
          Operand<TFloat64> g64 = tf.math.mul(tf.linalg.matMul(z, chol, MatMul.transposeB(true)), tf.constant(sigma));
          g = tf.dtypes.cast(g64, s.type());
          noiseEnergy = tf.math.mul(tf.math.mul(b, dScalar), s.scalar(sigma * sigma));
        }
        numerator = tf.math.add(tf.math.sub(numerator, tf.math.mul(s.scalar(2), sum(tf.math.mul(residual, g)))), noiseEnergy);
        pMinusG = tf.math.sub(p, g);
      }
      this.loss = tf.math.div(numerator, tf.math.mul(b, dScalar));
      // ∂L/∂M = −2 (R C − G) / (B d)  (C symmetric): R C is formed once, for the loss and the gradient
      this.endToEndGradient = tf.math.div(tf.math.mul(pMinusG, s.scalar(-2)), tf.math.mul(b, dScalar));
    }
    var params = net.parameters();
    var grads = endToEndGradient == null
        ? tf.gradients(loss, params)
        : tf.gradients(net.endToEndStored(), params, Gradients.dx(List.of(endToEndGradient)));
    List<Operand<T>> g = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      g.add(grads.<T>dy(i));
    }
    this.sgd = SgdUpdates.create(s, params, g, training);
    this.updates = sgd.targets();
    double lambda1 = data.pca().eigenvalues()[0];
    int factors = net.factorCount() == 1 && net.probePoints().size() == 2 ? 0 : net.factorCount();
    double bound = factors == 0 ? d / (4 * lambda1) : d / (Math.max(1, factors) * lambda1);
    this.advice = String.format(
        "Reduce learningRate (now %s): with the largest PC variance λ₁ = %.4g and d = %d, gradient descent on this "
            + "linear network is stable only for learningRate below about %.3g.",
        training.learningRate(), lambda1, d, bound);
  }

  /**
   * A trainer for {@code net} on {@code data}. Checks, before any native work, that the network
   * reconstructs inputs of the data's dimension and that mini-batch mode has samples and a batch no
   * larger than the data set.
   */
  public static <T extends TFloating> LinearTrainer<T> create(
      TfSession<T> s, LinearNetworkGraph<T> net, Dataset data, Training training) {
    check(net.inputDim(), net.outputDim(), data, training);
    return new LinearTrainer<>(s, net, data, training);
  }

  /** The argument checks of {@link #create}, usable before any data or graph is built. */
  public static void check(int inputDim, int outputDim, DataSpec data, Training training) {
    if (inputDim != data.dim()) {
      throw new IllegalArgumentException(
          "network input width " + inputDim + " does not match the data dimension " + data.dim());
    }
    if (outputDim != data.dim()) {
      throw new IllegalArgumentException(
          "reconstruction needs the network's output width to equal the data dimension " + data.dim() + ", got " + outputDim);
    }
    if (training instanceof Training.Sgd) {
      throw new IllegalArgumentException("training: Training.sgd trains a network on a task(...); a linear autoencoder on "
          + "data set '" + data.name() + "' trains with Training.miniBatch(η) (SGD with output noise, σ = 0.1 by default) "
          + "or Training.expectedGradient(η)");
    }
    if (training instanceof Training.MiniBatch mb) {
      if (data.size() == 0) {
        throw new IllegalArgumentException(
            "mini-batch training needs samples, but data set '" + data.name() + "' is a population only: "
                + "draw samples (e.g. GaussianData.withSamples(n)) or use Training.expectedGradient(...)");
      }
      if (mb.batchSize() > data.size()) {
        throw new IllegalArgumentException(
            "batchSize must be in [1, " + data.size() + "] (the data set size), got " + mb.batchSize());
      }
    }
  }

  private Operand<T> sum(Operand<T> x) {
    return s.tf().reduceSum(x, s.tf().constant(new int[] {0, 1}));
  }

  @Override
  public StepEvent step() {
    if (done >= total) {
      throw new IllegalStateException("all " + total + " steps are done");
    }
    long epoch = epoch();
    TfSession<T>.Run run = s.runner().fetch(loss).target(updates)
        .feed(sgd.learningRate(), new double[] {training.schedule().rate(training.learningRate(), done)});
    if (training instanceof Training.MiniBatch mb) {
      long inEpoch = done % perEpoch;
      if (orderEpoch != epoch) {
        order = permutation(epoch);
        orderEpoch = epoch;
      }
      int from = (int) (inEpoch * mb.batchSize());
      int to = Math.min(n, from + mb.batchSize());
      int[] idx = java.util.Arrays.copyOfRange(order, from, to);
      run.feed(batchIndex, idx, idx.length)
          .feed(noiseSeed, Seeds.opSeed(training.seed(), "output-noise", done), 2);
    }
    double value = run.run().scalar(0);
    done++;
    if (!Double.isFinite(value)) {
      throw new TrainingDivergedException(done, value, advice);
    }
    return new StepEvent(done, epoch, value);
  }

  private int[] permutation(long epoch) {
    return Seeds.permutation(n, Seeds.random(training.seed(), "epoch-" + epoch));
  }

  @Override
  public java.util.List<? extends org.tensorflow.op.core.Variable<?>> state() {
    return sgd.velocities();
  }

  @Override
  public void resumeAt(long steps) {
    if (steps < 0 || steps > totalSteps()) {
      throw new IllegalArgumentException("steps must be in [0, " + totalSteps() + "], got " + steps);
    }
    done = steps;
  }

  @Override
  public long stepsDone() {
    return done;
  }

  @Override
  public long totalSteps() {
    return total;
  }

  @Override
  public long epoch() {
    return training instanceof Training.MiniBatch ? done / perEpoch : done;
  }

  /** The data set being trained on. */
  public Dataset data() {
    return data;
  }
}
