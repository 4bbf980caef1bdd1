package io.github.gradsense.assertj;

import io.github.gradsense.analysis.RankCorrelation;
import io.github.gradsense.experiment.ProbeSeries;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a probe's series over training: one row per probed step, one column per measured
 * quantity (a mode strength per PC, a pathway share per mode, an accuracy per class).
 *
 * <pre>{@code
 * double[] lambda = results.data().pca().eigenvalues();
 * assertThat(results.series("mode-strength")).learnsInOrderOf(Arrays.copyOf(lambda, 10));
 * }</pre>
 */
public final class ProbeSeriesAssert extends AbstractAssert<ProbeSeriesAssert, ProbeSeries> {

  ProbeSeriesAssert(ProbeSeries actual) {
    super(actual, ProbeSeriesAssert.class);
  }

  /** The series has every one of {@code columns}. */
  public ProbeSeriesAssert hasColumns(String... columns) {
    isNotNull();
    for (String c : columns) {
      if (!actual.columns().contains(c)) {
        failWithMessage("Expected series '%s' to have column '%s', but its columns are %s", actual.name(), c, actual.columns());
      }
    }
    return this;
  }

  /**
   * The first {@code variances.length} columns are learned strictly in order of decreasing
   * variance: the larger a mode's variance, the earlier its half-time (the first crossing of 0.5,
   * half learned for a mode strength or a proportion learned).
   */
  public ProbeSeriesAssert learnsInOrderOf(double... variances) {
    return learnsInOrderOf(variances, 1.0);
  }

  /**
   * As {@link #learnsInOrderOf(double...)}, allowing near-ties: Spearman's ρ between the half-times
   * and {@code 1/λ} is at least {@code minimumSpearman} (1: exactly the variance order).
   */
  public ProbeSeriesAssert learnsInOrderOf(double[] variances, double minimumSpearman) {
    isNotNull();
    List<String> cols = actual.columns();
    if (variances.length < 2 || variances.length > cols.size()) {
      failWithMessage("Expected between 2 and %d variances for the columns %s, got %d", cols.size(), cols, variances.length);
    }
    double[] half = new double[variances.length];
    double[] inverse = new double[variances.length];
    StringBuilder table = new StringBuilder();
    for (int k = 0; k < variances.length; k++) {
      half[k] = actual.trajectory(cols.get(k)).halfTime();
      inverse[k] = 1 / variances[k];
      table.append(k == 0 ? "" : ", ").append(cols.get(k)).append(" (λ = ").append(fmt(variances[k])).append("): ")
          .append(Double.isNaN(half[k]) ? "never" : fmt(half[k]));
    }
    for (int k = 0; k < half.length; k++) {
      if (Double.isNaN(half[k])) {
        failWithMessage("Expected %s to be learned half-way within the run, but it never was; half-times: [%s]",
            cols.get(k), table);
      }
    }
    double rho = RankCorrelation.spearman(half, inverse);
    if (!(rho >= minimumSpearman - 1e-12)) {
      failWithMessage("Expected the half-times in the order of decreasing variance (Spearman ρ(t½, 1/λ) >= %s), "
          + "but ρ = %s; half-times: [%s]", fmt(minimumSpearman), fmt(rho), table);
    }
    return this;
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
