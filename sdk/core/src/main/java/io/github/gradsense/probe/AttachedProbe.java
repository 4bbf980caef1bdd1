package io.github.gradsense.probe;

import java.util.List;
import org.tensorflow.Operand;

/**
 * A probe's ops in one graph: the values to fetch when it fires, and how to turn them into one row
 * of its series.
 *
 * <pre>{@code
 * AttachedProbe a = probe.attach(context);
 * double[] row = a.row(fetchedValues);       // one value per column
 * }</pre>
 */
public interface AttachedProbe {

  /** The probe point measured, or "" when the probe reads the whole network. */
  String point();

  /** Column names of the series, fixed for the run. */
  List<String> columns();

  /** The operands to fetch when the probe fires. */
  List<Operand<?>> fetches();

  /** One row (one value per column) from the fetched values, in {@link #fetches()} order. */
  double[] row(List<double[]> fetched);

  /** A probe that fetches {@code fetches} and turns them into a row with {@code row}. */
  static AttachedProbe of(String point, List<String> columns, List<Operand<?>> fetches,
      java.util.function.Function<List<double[]>, double[]> row) {
    return new Simple(point, List.copyOf(columns), List.copyOf(fetches), row);
  }

  /** A probe whose row is the single fetched vector {@code values} (one entry per column). */
  static AttachedProbe of(String point, List<String> columns, Operand<?> values) {
    return of(point, columns, List.of(values), fetched -> fetched.get(0));
  }

  /** The plain implementation behind the factories. */
  record Simple(String point, List<String> columns, List<Operand<?>> fetches,
      java.util.function.Function<List<double[]>, double[]> rowFunction) implements AttachedProbe {
    @Override
    public double[] row(List<double[]> fetched) {
      return rowFunction.apply(fetched);
    }
  }
}
