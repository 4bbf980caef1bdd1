package io.github.gradsense.claims;

import io.github.gradsense.report.Verdict;

/**
 * What decides one verdict of a claim: the statistic, its threshold as the report states it, the
 * threshold's number where it has one, and where the threshold comes from. The runners decide
 * with {@link #bound()} and the conformance suite asserts with it, so the bar is written once.
 *
 * <pre>{@code
 * Verdict v = OrderedLearning.MINI_BATCH.verdict("C1", "mini-batch SGD follows the expected gradient", d <= OrderedLearning.MINI_BATCH.bound());
 * }</pre>
 *
 * @param statistic the deciding statistic
 * @param threshold its comparison as the report shows it, e.g. "≤ 0.10", "&gt; 1 | &lt; 1"
 * @param bound the threshold's number; NaN for an ordering without one
 * @param source where the threshold comes from (a theory, the paper, a measured null)
 */
public record Criterion(String statistic, String threshold, double bound, String source) {

  /** Rejects blank parts (as {@link Verdict.Rule} does). */
  public Criterion {
    new Verdict.Rule(statistic, threshold, source);
  }

  /** A criterion with a numeric bar. */
  public static Criterion of(String statistic, String threshold, double bound, String source) {
    return new Criterion(statistic, threshold, bound, source);
  }

  /** A criterion that is an ordering or a trend, with no number ({@link #bound()} is NaN). */
  public static Criterion ordering(String statistic, String threshold, String source) {
    return new Criterion(statistic, threshold, Double.NaN, source);
  }

  /** This criterion as a report's rule. */
  public Verdict.Rule rule() {
    return new Verdict.Rule(statistic, threshold, source);
  }

  /** A verdict of {@code claim} decided by this criterion. */
  public Verdict verdict(String claim, String statement, boolean upheld) {
    return Verdict.of(claim, statement, upheld).decidedBy(statistic, threshold, source);
  }
}
