package io.github.gradsense.claims;

import io.github.gradsense.report.Plot;
import io.github.gradsense.report.Verdict;
import java.util.List;

/**
 * One claim's result, kept as {@code outcome.json} in its folder (read back on resume).
 *
 * <pre>{@code
 * ClaimResult r = Claim.C5.run(settings);
 * long upheld = r.verdicts().stream().filter(Verdict::upheld).count();
 * }</pre>
 *
 * @param claim which
 * @param verdicts its verdicts with their numbers
 * @param figures its figures, in its folder
 * @param seconds how long it took
 */
public record ClaimResult(Claim claim, List<Verdict> verdicts, List<Plot.Figure> figures, double seconds) {

  /** Copies the lists. */
  public ClaimResult {
    verdicts = List.copyOf(verdicts);
    figures = List.copyOf(figures);
  }

  /** This result, timed at {@code newSeconds}. */
  public ClaimResult took(double newSeconds) {
    return new ClaimResult(claim, verdicts, figures, newSeconds);
  }
}
