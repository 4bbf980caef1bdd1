package io.github.gradsense.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A claim's verdict in a report: what was claimed, whether this run upholds it, and the numbers
 * that decide it (each with the comparison it passed or failed).
 *
 * <pre>{@code
 * Verdict v = Verdict.of("C1", "PCs are learned in variance order (Spearman ≥ 0.9)", rho >= 0.9)
 *     .with("Spearman(t½, 1/λ)", rho);
 * }</pre>
 *
 * @param claim the claim's id ("C1", "C6", …)
 * @param statement the measurable statement, with its threshold
 * @param upheld whether the numbers satisfy it
 * @param numbers the deciding numbers, by name, in order
 */
public record Verdict(String claim, String statement, boolean upheld, Map<String, Double> numbers) {

  /** Copies the numbers. */
  public Verdict {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(statement, "statement");
    numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }

  /** A verdict without numbers yet. */
  public static Verdict of(String claim, String statement, boolean upheld) {
    return new Verdict(claim, statement, upheld, Map.of());
  }

  /** This verdict with one more deciding number. */
  public Verdict with(String name, double value) {
    Map<String, Double> n = new LinkedHashMap<>(numbers);
    n.put(name, value);
    return new Verdict(claim, statement, upheld, n);
  }
}
