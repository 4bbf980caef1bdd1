package io.github.gradsense.probe;

import io.github.gradsense.runtime.Fetched;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;

/**
 * A probe's ops in one graph, ready to measure: each measurement gives one row per probe point,
 * one value per column.
 *
 * <pre>{@code
 * AttachedProbe a = probe.attach(context);
 * double[][] rows = a.measure();         // rows[p] belongs to a.points().get(p)
 * }</pre>
 */
public interface AttachedProbe {

  /** The probe points measured, one per row ("" when the probe reads the whole network). */
  List<String> points();

  /** Column names, fixed for the run. */
  List<String> columns();

  /** Measures the network as it is now: one row per point. */
  double[][] measure();

  /** A one-row probe that fetches {@code fetches} and turns them into its row with {@code row}. */
  static AttachedProbe of(TfSession<?> session, String point, List<String> columns, List<Operand<?>> fetches,
      Function<List<double[]>, double[]> row) {
    List<Operand<?>> f = List.copyOf(fetches);
    return new Simple(List.of(point), List.copyOf(columns), () -> {
      Fetched values = session.runner().fetch(f).run();
      List<double[]> list = new ArrayList<>();
      for (int i = 0; i < f.size(); i++) {
        list.add(values.get(i));
      }
      return new double[][] {row.apply(list)};
    });
  }

  /** A one-row probe whose row is the fetched vector {@code values} (one entry per column). */
  static AttachedProbe of(TfSession<?> session, String point, List<String> columns, Operand<?> values) {
    return of(session, point, columns, List.of(values), fetched -> fetched.get(0));
  }

  /** The plain implementation behind the factories. */
  record Simple(List<String> points, List<String> columns, Measurement measurement) implements AttachedProbe {
    @Override
    public double[][] measure() {
      return measurement.measure();
    }
  }

  /** A measurement: one row per point. */
  @FunctionalInterface
  interface Measurement {
    /** Measures now. */
    double[][] measure();
  }
}
