package io.github.gradsense.experiment;

import io.github.gradsense.data.Dataset;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.runtime.Matrix;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a run produced: every probe's series, the final weights (pixel basis, input side first),
 * and the initial ones, the data set it trained on, and its {@link Provenance}.
 *
 * <pre>{@code
 * Results r = experiment.run();
 * double[] u = r.series("mode-strength").lastRow();
 * double lambda1 = r.data().pca().eigenvalues()[0];
 * }</pre>
 */
public final class Results {
  private final Provenance provenance;
  private final @Nullable Dataset data;
  private final Map<String, List<ProbeSeries>> series;
  private final List<Matrix> initialWeights;
  private final List<Matrix> finalWeights;
  private final List<ParameterValues> finalParameters;
  private final double finalLoss;
  private final @Nullable Path directory;

  Results(Provenance provenance, @Nullable Dataset data, Map<String, List<ProbeSeries>> series, List<Matrix> initialWeights,
      List<Matrix> finalWeights, List<ParameterValues> finalParameters, double finalLoss, @Nullable Path directory) {
    this.provenance = provenance;
    this.data = data;
    this.series = Map.copyOf(series);
    this.initialWeights = List.copyOf(initialWeights);
    this.finalWeights = List.copyOf(finalWeights);
    this.finalParameters = List.copyOf(finalParameters);
    this.finalLoss = finalLoss;
    this.directory = directory;
  }

  /** What produced this result. */
  public Provenance provenance() {
    return provenance;
  }

  /** The data set trained on (with its PCA); fails for a run on a task. */
  public Dataset data() {
    if (data == null) {
      throw new IllegalStateException("this run trained on a task, not a data set");
    }
    return data;
  }

  /** The series of probe {@code name}, which measures one probe point; fails with the names if absent. */
  public ProbeSeries series(String name) {
    List<ProbeSeries> s = all(name);
    if (s.size() != 1) {
      throw new IllegalArgumentException("probe '" + name + "' measures " + s.size() + " probe points ("
          + String.join(", ", s.stream().map(ProbeSeries::point).toList()) + "): use series(name, point)");
    }
    return s.get(0);
  }

  /** The series of probe {@code name} at probe point {@code point}. */
  public ProbeSeries series(String name, String point) {
    for (ProbeSeries p : all(name)) {
      if (p.point().equals(point)) {
        return p;
      }
    }
    throw new IllegalArgumentException("probe '" + name + "' has no probe point '" + point + "'; its points: "
        + String.join(", ", all(name).stream().map(ProbeSeries::point).toList()));
  }

  private List<ProbeSeries> all(String name) {
    List<ProbeSeries> s = series.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "no series '" + name + "'; series of this run: " + String.join(", ", series.keySet()));
    }
    return s;
  }

  /** The probe points that probe {@code name} measured, in its order; fails with the names if absent. */
  public List<String> points(String name) {
    return all(name).stream().map(ProbeSeries::point).toList();
  }

  /** Names of all series. */
  public java.util.Set<String> seriesNames() {
    return series.keySet();
  }

  /** Initial weight matrices in the pixel basis, input side first ({@code W} alone when tied). */
  public List<Matrix> initialWeights() {
    return initialWeights;
  }

  /** Final weight matrices in the pixel basis, input side first ({@code W} alone when tied). */
  public List<Matrix> finalWeights() {
    return finalWeights;
  }

  /** Every trainable parameter at the end (for controls that reuse or shuffle trained weights). */
  public List<ParameterValues> finalParameters() {
    return finalParameters;
  }

  /** The loss of the last update's batch. */
  public double finalLoss() {
    return finalLoss;
  }

  /** The folder the run wrote to, if any. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }
}
