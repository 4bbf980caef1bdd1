package io.github.gradsense.assertj;

import io.github.gradsense.analysis.RankCorrelation;
import io.github.gradsense.experiment.ProbeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.data.Percentage;

/**
 * The checks on a probe's series over training (one row per probed step, one column per measured
 * quantity: a mode strength per PC, a pathway share per mode, an accuracy per class), for
 * {@link ProbeSeriesAssert} and for a lab's own assert that adds checks of its own. Every check
 * returns {@code SELF}, so the kit's checks and a subclass's chain in any order.
 *
 * <pre>{@code
 * class MySeriesAssert extends AbstractProbeSeriesAssert<MySeriesAssert> {
 *   MySeriesAssert(ProbeSeries actual) {
 *     super(actual, MySeriesAssert.class);
 *   }
 *
 *   MySeriesAssert hasRowsAtLeast(int n) {
 *     isNotNull();
 *     if (actual.size() < n) {
 *       failWithMessage("Expected at least %d probed steps, got %d", n, actual.size());
 *     }
 *     return myself;
 *   }
 * }
 *
 * new MySeriesAssert(series).hasRowsAtLeast(100).learnsInOrderOf(lambda);
 * }</pre>
 *
 * @param <SELF> the assert's own type, which every check returns
 */
public abstract class AbstractProbeSeriesAssert<SELF extends AbstractProbeSeriesAssert<SELF>>
    extends AbstractAssert<SELF, ProbeSeries> {

  /**
   * @param actual the series under test
   * @param selfType the concrete assert's class, {@code SELF}
   */
  protected AbstractProbeSeriesAssert(ProbeSeries actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The series has every one of {@code columns}. */
  public SELF hasColumns(String... columns) {
    isNotNull();
    for (String c : columns) {
      if (!actual.columns().contains(c)) {
        failWithMessage("Expected series '%s' to have column '%s', but its columns are %s", actual.name(), c, actual.columns());
      }
    }
    return myself;
  }

  /**
   * The first {@code variances.length} columns are learned strictly in order of decreasing
   * variance: the larger a mode's variance, the earlier its half-time (the first crossing of 0.5,
   * half learned for a mode strength or a proportion learned). Equal variances may come in either
   * order.
   */
  public SELF learnsInOrderOf(double... variances) {
    return learnsInOrderOf(variances, Percentage.withPercentage(0));
  }

  /**
   * Every pair of modes whose variances differ by more than {@code separation} is learned in
   * order: {@code λ_j > λ_k (1 + p/100)} implies {@code t½,j < t½,k}. Pairs closer than that are
   * near-degenerate and may come in either order (their rank correlation is in the message); if
   * every pair is that close, nothing can be judged and the assertion fails.
   *
   * <p>The separation follows from how well the half-times are known: if each is within a
   * fraction {@code ε} of the theory's {@code t½ ∝ 1/λ}, any two modes with
   * {@code λ_j/λ_k > (1 + ε)/(1 − ε)} are ordered; {@code ε = 0.1} gives 22.2 %.
   *
   * <pre>{@code
   * assertThat(series).learnsInOrderOf(lambda, withPercentage(22.2));   // half-times known to 10 %
   * }</pre>
   */
  public SELF learnsInOrderOf(double[] variances, Percentage separation) {
    isNotNull();
    List<String> cols = actual.columns();
    if (variances.length < 2 || variances.length > cols.size()) {
      failWithMessage("Expected between 2 and %d variances for the columns %s, got %d", cols.size(), cols, variances.length);
    }
    if (!(separation.value >= 0) || Double.isInfinite(separation.value)) {
      failWithMessage("Expected a finite, non-negative separation, got %s %%", separation.value);
    }
    double[] half = new double[variances.length];
    StringBuilder table = new StringBuilder();
    for (int k = 0; k < variances.length; k++) {
      half[k] = actual.trajectory(cols.get(k)).halfTime();
      table.append(k == 0 ? "" : ", ").append(cols.get(k)).append(" (λ = ").append(fmt(variances[k])).append("): ")
          .append(Double.isNaN(half[k]) ? "never" : fmt(half[k]));
    }
    for (int k = 0; k < half.length; k++) {
      if (Double.isNaN(half[k])) {
        failWithMessage("Expected %s to be learned half-way within the run, but it never was; half-times: [%s]",
            cols.get(k), table);
      }
    }
    double factor = 1 + separation.value / 100;
    List<String> violations = new ArrayList<>();
    int judged = 0;
    for (int j = 0; j < half.length; j++) {
      for (int k = 0; k < half.length; k++) {
        if (variances[j] > factor * variances[k]) {
          judged++;
        }
        if (variances[j] > factor * variances[k] && !(half[j] < half[k])) {
          violations.add(String.format(Locale.ROOT, "%s (λ = %s, t½ = %s) not before %s (λ = %s, t½ = %s)", cols.get(j),
              fmt(variances[j]), fmt(half[j]), cols.get(k), fmt(variances[k]), fmt(half[k])));
        }
      }
    }
    if (judged == 0) {
      failWithMessage("Expected at least one pair of modes whose variances differ by more than %s %%, but all of %s are "
          + "within it, so no order can be judged; half-times: [%s]", fmt(separation.value), Arrays.toString(variances), table);
    }
    if (!violations.isEmpty()) {
      double[] inverse = Arrays.stream(variances).map(v -> 1 / v).toArray();
      failWithMessage("Expected every pair of modes whose variances differ by more than %s %% to be learned in order of "
          + "decreasing variance, but %d pair(s) are not: %s; Spearman ρ(t½, 1/λ) = %s; half-times: [%s]",
          fmt(separation.value), violations.size(), String.join("; ", violations),
          fmt(RankCorrelation.spearman(half, inverse)), table);
    }
    return myself;
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
