package io.github.gradsense.probe;

import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The full-data reconstruction error of a linear autoencoder, {@code (1/d) tr((I − M) Σ (I − M)ᵀ)}
 * (the mean squared error per pixel over the whole data set, without output noise), read from the
 * covariance. Column {@code mse}.
 *
 * <pre>{@code
 * Probe loss = Probes.loss().every(10);
 * }</pre>
 *
 * @param schedule when to fire
 */
public record DataLoss(Schedule schedule) implements Probe {

  /** Validates the schedule. */
  public DataLoss {
    Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public DataLoss on(Schedule s) {
    return new DataLoss(s);
  }

  @Override
  public String name() {
    return "loss";
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    LinearNetworkGraph<T> net = LinearProbes.linear(ctx.network(), name());
    TfSession<T> s = ctx.session();
    int d = ctx.requireData(name()).dim();
    Operand<T> quad;
    var tf = s.tf();
    if (net.storedInDataBasis()) {
      Operand<T> r = tf.math.sub(s.identity(d), net.endToEndStored());
      quad = tf.reduceSum(tf.math.mul(tf.math.square(r), s.vector(ctx.requireData(name()).pca().eigenvalues())), tf.constant(new int[] {0, 1}));
    } else {
      Operand<T> r = tf.math.sub(s.identity(d), net.endToEnd());
      quad = tf.reduceSum(tf.math.mul(tf.linalg.matMul(r, s.constant(ctx.requireData(name()).covariance())), r), tf.constant(new int[] {0, 1}));
    }
    Operand<T> mse = tf.math.div(quad, s.scalar(d));
    return AttachedProbe.of(s, "", List.of("mse"), mse);
  }
}
