package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.data.Batch;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Per-class accuracy on fixed evaluation sets: for each listed class, {@code samples} clean
 * examples from the task ({@link TaskData#evaluation}), drawn once with seed 1, and the fraction
 * whose largest output is that class (METHODS §E3: bins 0, 15 and 30 on 2000 fresh samples each).
 * Columns {@code class<k>}.
 *
 * <pre>{@code
 * Probe acc = Probes.accuracy(0, 15, 30).samples(2000).every(10);
 * }</pre>
 *
 * @param classes the classes evaluated
 * @param samples examples per class, in [1, 10^6]
 * @param schedule when to fire
 */
public record Accuracy(List<Integer> classes, int samples, Schedule schedule) implements Probe {

  /** Validates the fields. */
  public Accuracy {
    classes = List.copyOf(classes);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("classes must name at least one class");
    }
    checkRange("samples", samples, 1, 1_000_000);
    Objects.requireNonNull(schedule, "schedule");
  }

  /** With {@code n} examples per class. */
  public Accuracy samples(int n) {
    return new Accuracy(classes, n, schedule);
  }

  @Override
  public Accuracy on(Schedule s) {
    return new Accuracy(classes, samples, s);
  }

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    TaskData task = ctx.task();
    if (task == null) {
      throw new IllegalArgumentException("probe 'accuracy' needs a task with labels: give the experiment a task(...)");
    }
    TfSession<T> s = ctx.session();
    NetworkGraph<T> net = ctx.network();
    List<Batch> sets = new ArrayList<>();
    for (int c : classes) {
      sets.add(task.evaluation(c, samples, 1));
    }
    int dim = sets.get(0).inputs().length / samples;
    float[] all = new float[classes.size() * samples * dim];
    for (int i = 0; i < sets.size(); i++) {
      System.arraycopy(sets.get(i).inputs(), 0, all, i * samples * dim, samples * dim);
    }
    long[] shape = net.inputShape();
    long[] full = new long[shape.length + 1];
    full[0] = (long) classes.size() * samples;
    System.arraycopy(shape, 0, full, 1, shape.length);
    TfSession.Feed<T> inputs = s.feed(all, full);
    Placeholder<T> x = s.placeholder("accuracy_inputs", full);
    Operand<TInt64> predicted = s.tf().math.argMax(net.forward(x, "output"), s.tf().constant(1), TInt64.class);
    List<String> columns = new ArrayList<>();
    for (int c : classes) {
      columns.add("class" + c);
    }
    return new AttachedProbe.Simple(List.of(""), columns, () -> {
      double[] p = s.runner().feed(x, inputs).fetch(predicted).run().get(0);
      double[] row = new double[classes.size()];
      for (int i = 0; i < classes.size(); i++) {
        int correct = 0;
        for (int j = 0; j < samples; j++) {
          if ((int) p[i * samples + j] == classes.get(i)) {
            correct++;
          }
        }
        row[i] = (double) correct / samples;
      }
      return new double[][] {row};
    });
  }
}
