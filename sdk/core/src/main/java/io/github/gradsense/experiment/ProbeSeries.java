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

  /**
   * The series {@code series} of the run written in {@code runFolder}, one per probe point, read back
   * from its tidy {@code <series>.csv} (values as Java printed them, so bit for bit).
   *
   * <pre>{@code
   * ProbeSeries share = ProbeSeries.read(cellFolder, "pathway-share").get(0);
   * }</pre>
   */
  public static java.util.List<ProbeSeries> read(java.nio.file.Path runFolder, String series) {
    java.nio.file.Path file = runFolder.resolve(series + ".csv");
    java.util.List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals("step,epoch,point,column,value")) {
      throw new IllegalArgumentException(file.toAbsolutePath() + " is not a gradsense series (header step,epoch,point,column,value)");
    }
    // point -> step -> column -> value, in the order written
    java.util.Map<String, java.util.LinkedHashMap<Long, java.util.LinkedHashMap<String, Double>>> byPoint = new java.util.LinkedHashMap<>();
    java.util.Map<Long, Long> epochs = new java.util.HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(file.toAbsolutePath() + ": a row of " + f.length + " fields, not 5: " + line);
      }
      long step = Long.parseLong(f[0]);
      epochs.put(step, Long.parseLong(f[1]));
      byPoint.computeIfAbsent(f[2], k -> new java.util.LinkedHashMap<>()).computeIfAbsent(step, k -> new java.util.LinkedHashMap<>())
          .put(f[3], Double.parseDouble(f[4]));
    }
    java.util.List<ProbeSeries> out = new java.util.ArrayList<>();
    byPoint.forEach((point, bySteps) -> {
      java.util.List<String> columns = java.util.List.copyOf(bySteps.values().iterator().next().keySet());
      long[] steps = bySteps.keySet().stream().mapToLong(Long::longValue).toArray();
      long[] ep = java.util.Arrays.stream(steps).map(epochs::get).toArray();
      double[][] rows = new double[steps.length][];
      int i = 0;
      for (java.util.LinkedHashMap<String, Double> row : bySteps.values()) {
        rows[i++] = columns.stream().mapToDouble(row::get).toArray();
      }
      out.add(new ProbeSeries(series, point, columns, steps, ep, rows));
    });
    return out;
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
