package io.github.gradsense.train;

import io.github.gradsense.data.Batch;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.data.TaskSpec;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Trains any network on a task, one mini-batch per update: the batch of update {@code t} is
 * {@code task.batch(seed, t, B)} (so a resumed run draws the same batches; batch {@code t + 1} is
 * drawn on a background thread while update {@code t} runs, see {@link BatchPrefetch}), the loss is the
 * {@link Objective}, gradients are TensorFlow's, and the update is {@link SgdUpdates} (momentum,
 * weight decay, learning-rate schedule).
 *
 * <pre>{@code
 * SgdTrainer<T> t = SgdTrainer.create(session, graph, spec, spec.open(config), Objective.crossEntropy(), training);
 * StepEvent e = t.step();
 * }</pre>
 *
 * @param <T> the graph's floating-point type
 */
public final class SgdTrainer<T extends TFloating> implements Trainer {
  private final TfSession<T> s;
  private final BatchPrefetch batches;
  private final Training.Sgd training;
  private final Placeholder<T> inputs;
  private final @Nullable Placeholder<TInt32> labels;
  private final @Nullable Placeholder<T> targets;
  private final int targetWidth;
  private final Operand<T> loss;
  private final SgdUpdates<T> sgd;
  private final long[] shape;
  private long done;

  private SgdTrainer(TfSession<T> s, NetworkGraph<T> net, TaskSpec spec, TaskData data, Objective objective, Training.Sgd training) {
    this.s = s;
    this.batches = new BatchPrefetch(data, training.seed(), training.batchSize(), training.steps());
    this.training = training;
    Ops tf = s.tf();
    List<Integer> in = spec.inputShape();
    this.shape = new long[in.size() + 1];
    shape[0] = -1;
    for (int i = 0; i < in.size(); i++) {
      shape[i + 1] = in.get(i);
    }
    this.inputs = s.placeholder("inputs", shape);
    Operand<T> out = net.forward(inputs, "output");
    Operand<T> b = tf.dtypes.cast(tf.reshape(tf.slice(tf.shape(inputs), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(new int[0])), s.type());
    this.targetWidth = spec.targetWidth();
    if (objective instanceof Objective.SquaredError se) {
      this.labels = null;
      this.targets = s.placeholder("targets", new long[] {-1, targetWidth});
      Operand<T> sq = tf.reduceSum(tf.math.square(tf.math.sub(out, targets)), tf.constant(new int[] {0, 1}));
      this.loss = se.summed() ? sq : tf.math.div(sq, tf.math.mul(b, s.scalar(targetWidth)));
    } else if (objective instanceof Objective.CrossEntropy) {
      this.targets = null;
      this.labels = s.intPlaceholder("labels", -1);
      Operand<T> logp = tf.nn.logSoftmax(out);
      Operand<T> keep = tf.dtypes.cast(tf.math.greaterEqual(labels, tf.constant(0)), s.type());
      Operand<TInt32> safe = tf.math.maximum(labels, tf.constant(0));
      Operand<T> oneHot = tf.oneHot(safe, tf.constant(spec.classes()), s.scalar(1), s.scalar(0));
      Operand<T> picked = tf.reduceSum(tf.math.mul(oneHot, logp), tf.constant(1));
      this.loss = tf.math.neg(tf.math.div(tf.reduceSum(tf.math.mul(keep, picked), tf.constant(0)), b));
    } else {
      this.labels = null;
      this.targets = null;
      Operand<T> target = tf.reshape(inputs, tf.shape(out));
      this.loss = tf.math.mean(tf.math.square(tf.math.sub(out, target)), tf.constant(new int[] {0, 1}));
    }
    var params = net.parameters();
    var grads = tf.gradients(loss, params);
    List<Operand<T>> g = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      g.add(grads.<T>dy(i));
    }
    this.sgd = SgdUpdates.create(s, params, g, training);
  }

  /**
   * Forces drawing batches ahead on or off, for benchmarks and tests; by default it is on when
   * drawing the first batch took at least 0.5 ms. Either way the batches are the same bits.
   */
  public SgdTrainer<T> drawAhead(boolean on) {
    batches.ahead(on);
    return this;
  }

  /** A trainer for {@code net} on {@code spec}'s opened {@code data}. */
  public static <T extends TFloating> SgdTrainer<T> create(TfSession<T> s, NetworkGraph<T> net, TaskSpec spec,
      TaskData data, Objective objective, Training.Sgd training) {
    return new SgdTrainer<>(s, net, spec, data, objective, training);
  }

  @Override
  public StepEvent step() {
    if (done >= totalSteps()) {
      throw new IllegalStateException("all " + totalSteps() + " steps are done");
    }
    Batch batch = batches.batch(done);
    long[] feedShape = shape.clone();
    feedShape[0] = batch.size();
    TfSession<T>.Run run = s.runner().feed(inputs, batch.inputs(), feedShape)
        .feed(sgd.learningRate(), new double[] {training.schedule().rate(training.learningRate(), done)})
        .fetch(loss).target(sgd.targets());
    if (labels != null) {
      run.feed(labels, batch.labels(), batch.size());
    }
    if (targets != null) {
      run.feed(targets, batch.targets(), new long[] {batch.size(), targetWidth});
    }
    double value = run.run().scalar(0);
    done++;
    if (!Double.isFinite(value)) {
      throw new TrainingDivergedException(done, value, String.format(
          "Reduce learningRate (now %s) or the init scale; with momentum %s the effective step is learningRate/(1 − momentum).",
          training.learningRate(), training.momentum()));
    }
    return new StepEvent(done, 0, value);
  }

  @Override
  public List<? extends Variable<?>> state() {
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
    return training.steps();
  }

  @Override
  public long epoch() {
    return 0;
  }
}
