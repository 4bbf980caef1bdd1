package io.github.gradsense.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A claim's verdict in a report: what was claimed, whether this run upholds it, the numbers that
 * decide it, and the rule that decides: the statistic, its threshold, and where that threshold
 * comes from (a theory, the paper, a measured null), so that a reader can judge the bar as well
 * as the result.
 *
 * <pre>{@code
 * Verdict v = Verdict.of("C1", "PCs are learned in variance order", rho >= 0.9)
 *     .decidedBy("Spearman ρ(λ, 1/t½)", "≥ 0.9", "the paper's Fig. 5: order by variance; 0.9 allows one swap of near-equal PCs")
 *     .with("Spearman", rho);
 * }</pre>
 *
 * @param claim the claim's id ("C1", "C6", …)
 * @param statement the measurable statement
 * @param upheld whether the numbers satisfy it
 * @param numbers the deciding numbers, by name, in order
 * @param rule the statistic, threshold and source of the threshold; null when not stated
 */
public record Verdict(String claim, String statement, boolean upheld, Map<String, Double> numbers, @Nullable Rule rule) {

  /** Copies the numbers. */
  public Verdict {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(statement, "statement");
    numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }

  /**
   * What decides a verdict: {@code statistic threshold} (e.g. "circular mean of the lags",
   * "90° ± 30°") and where the threshold comes from.
   *
   * @param statistic the deciding statistic
   * @param threshold its comparison, e.g. "&gt; 1", "&lt; 0.05"
   * @param source where the threshold comes from
   */
  public record Rule(String statistic, String threshold, String source) {
    /** Rejects blank parts. */
    public Rule {
      for (String[] f : new String[][] {{"statistic", statistic}, {"threshold", threshold}, {"source", source}}) {
        if (f[1] == null || f[1].isBlank()) {
          throw new IllegalArgumentException("verdict rule: " + f[0] + " must not be blank");
        }
      }
    }
  }

  /** A verdict without numbers or rule yet. */
  public static Verdict of(String claim, String statement, boolean upheld) {
    return new Verdict(claim, statement, upheld, Map.of(), null);
  }

  /** This verdict with one more deciding number. */
  public Verdict with(String name, double value) {
    Map<String, Double> n = new LinkedHashMap<>(numbers);
    n.put(name, value);
    return new Verdict(claim, statement, upheld, n, rule);
  }

  /** This verdict decided by {@code statistic} against {@code threshold}, which comes from {@code source}. */
  public Verdict decidedBy(String statistic, String threshold, String source) {
    return new Verdict(claim, statement, upheld, numbers, new Rule(statistic, threshold, source));
  }
}
