package io.github.gradsense.train;

import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * The optimiser shared by every trainer: SGD with optional heavy-ball momentum and L2 weight decay,
 * the learning rate fed at each step from the {@link LearningRateSchedule}:
 * <pre>
 *   g' = g + λ w,   v ← μ v + g',   w ← w − η_t v         (μ = 0: w ← w − η_t g')
 * </pre>
 * (PyTorch's SGD), each variable's update one fused TensorFlow kernel ({@code ApplyMomentum},
 * {@code ApplyGradientDescent}: 10–20 small ops fewer per step for a CNN). Every update waits on
 * every gradient, so a step reads only the weights and velocities of the step before:
 * deterministic.
 *
 * <pre>{@code
 * SgdUpdates<T> sgd = SgdUpdates.create(session, params, grads, training);
 * session.runner().feed(sgd.learningRate(), new double[] {training.schedule().rate(lr, step)}).target(sgd.targets()).run();
 * }</pre>
 *
 * @param <T> the graph's floating-point type
 */
public final class SgdUpdates<T extends TFloating> {
  private final Placeholder<T> rate;
  private final List<Op> targets;
  private final List<Variable<T>> velocities;

  private SgdUpdates(Placeholder<T> rate, List<Op> targets, List<Variable<T>> velocities) {
    this.rate = rate;
    this.targets = targets;
    this.velocities = velocities;
  }

  /** Builds the update ops for {@code params} with gradients {@code grads}; call before the first run. */
  public static <T extends TFloating> SgdUpdates<T> create(TfSession<T> s, List<Variable<T>> params,
      List<Operand<T>> grads, Training training) {
    Ops tf = s.tf();
    Placeholder<T> rate = s.placeholder("learning_rate");
    List<Variable<T>> velocities = new ArrayList<>();
    List<Operand<T>> decayed = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Operand<T> g = grads.get(i);
      if (training.weightDecay() > 0) {
        g = tf.math.add(g, tf.math.mul(params.get(i), s.scalar(training.weightDecay())));
      }
      decayed.add(g);
      if (training.momentum() > 0) {
        long[] shape = params.get(i).shape().asArray();
        long size = 1;
        for (long x : shape) {
          size *= x;
        }
        velocities.add(s.variable("velocity", new double[Math.toIntExact(size)], shape));
      }
    }
    // every update waits on every gradient, so no weight changes before all are read
    Ops after = tf.withControlDependencies(new ArrayList<Op>(decayed));
    List<Op> targets = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      // one fused kernel per variable (TensorFlow's ApplyMomentum: v ← μ v + g', w ← w − η v)
      targets.add(training.momentum() > 0
          ? after.train.applyMomentum(params.get(i), velocities.get(i), rate, decayed.get(i), s.scalar(training.momentum()))
          : after.train.applyGradientDescent(params.get(i), rate, decayed.get(i)));
    }
    return new SgdUpdates<>(rate, targets, velocities);
  }

  /** The learning-rate placeholder (a scalar fed at every step). */
  public Placeholder<T> learningRate() {
    return rate;
  }

  /** The ops of one update. */
  public List<Op> targets() {
    return targets;
  }

  /** The momentum velocities (empty without momentum), for checkpoints. */
  public List<Variable<T>> velocities() {
    return velocities;
  }
}
