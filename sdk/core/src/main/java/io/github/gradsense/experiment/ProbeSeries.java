package io.github.gradsense.experiment;

import io.github.gradsense.analysis.Trajectory;
import java.util.List;

/**
 * Everything one probe measured in a run: a row of values per firing step, one value per column.
 *
 * <pre>{@code
 * ProbeSeries u = results.series("mode-strength");
 * Trajectory pc3 = u.trajectory("pc3");
 * double final3 = u.last("pc3");
 * }</pre>
 */
public final class ProbeSeries {
  private final String name;
  private final String point;
  private final List<String> columns;
  private final long[] steps;
  private final long[] epochs;
  private final double[][] rows;

  ProbeSeries(String name, String point, List<String> columns, long[] steps, long[] epochs, double[][] rows) {
    this.name = name;
    this.point = point;
    this.columns = List.copyOf(columns);
    this.steps = steps;
    this.epochs = epochs;
    this.rows = rows;
  }

  /** The probe's name. */
  public String name() {
    return name;
  }

  /** The probe point measured, or "". */
  public String point() {
    return point;
  }

  /** Column names. */
  public List<String> columns() {
    return columns;
  }

  /** Number of firings. */
  public int size() {
    return steps.length;
  }

  /** The steps at which the probe fired. */
  public long[] steps() {
    return steps.clone();
  }

  /** The epoch of each firing. */
  public long[] epochs() {
    return epochs.clone();
  }

  /** Row {@code i} (one value per column). */
  public double[] row(int i) {
    return rows[i].clone();
  }

  /** The last row. */
  public double[] lastRow() {
    return rows[rows.length - 1].clone();
  }

  /** Column {@code name} over all firings. */
  public double[] column(String column) {
    int j = index(column);
    double[] c = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i][j];
    }
    return c;
  }

  /** The last value of column {@code name}. */
  public double last(String column) {
    return rows[rows.length - 1][index(column)];
  }

  /** Column {@code name} as a curve over steps. */
  public Trajectory trajectory(String column) {
    return Trajectory.of(steps, column(column));
  }

  private int index(String column) {
    int j = columns.indexOf(column);
    if (j < 0) {
      throw new IllegalArgumentException(
          "series '" + name + "' has no column '" + column + "'; columns: " + String.join(", ", columns));
    }
    return j;
  }

  @Override
  public String toString() {
    return "ProbeSeries[" + name + ", " + columns.size() + " columns, " + steps.length + " rows]";
  }
}
