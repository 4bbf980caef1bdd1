package io.github.gradsense.assertj;

import io.github.gradsense.experiment.Results;
import io.github.gradsense.report.Provenance;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a run's {@link Results}: what it measured, how far training got, and whether the
 * run can be reproduced from what it recorded.
 *
 * <pre>{@code
 * assertThat(results).isReproducible().hasFinalLossBelow(1e-3).series("mode-strength").learnsInOrderOf(lambda);
 * }</pre>
 */
public final class ResultsAssert extends AbstractAssert<ResultsAssert, Results> {

  ResultsAssert(Results actual) {
    super(actual, ResultsAssert.class);
  }

  /** A probe wrote series {@code name}. */
  public ResultsAssert hasSeries(String name) {
    isNotNull();
    if (!actual.seriesNames().contains(name)) {
      failWithMessage("Expected series '%s', but the run wrote %s", name, actual.seriesNames());
    }
    return this;
  }

  /** Assertions on series {@code name} (its only probe point). */
  public ProbeSeriesAssert series(String name) {
    hasSeries(name);
    return new ProbeSeriesAssert(actual.series(name));
  }

  /** The training loss at the last step is finite and below {@code threshold}. */
  public ResultsAssert hasFinalLossBelow(double threshold) {
    isNotNull();
    double loss = actual.finalLoss();
    if (!(loss < threshold)) {
      failWithMessage("Expected the final training loss below %s, but it is %s", String.format(Locale.ROOT, "%.4g", threshold),
          String.format(Locale.ROOT, "%.6g", loss));
    }
    return this;
  }

  /**
   * The run recorded what it takes to run it again: its configuration (data or task, network,
   * training), its seed and the TensorFlow version, and it completed.
   */
  public ResultsAssert isReproducible() {
    isNotNull();
    Provenance p = actual.provenance();
    if (!p.config().containsKey("network") || !p.config().containsKey("training")
        || !(p.config().containsKey("data") || p.config().containsKey("task"))) {
      failWithMessage("Expected the run to record its data or task, network and training, but its configuration has %s",
          p.config().keySet());
    }
    if (p.device() == null || p.device().tensorflowVersion() == null || p.device().tensorflowVersion().isBlank()) {
      failWithMessage("Expected the run to record the TensorFlow version, but it recorded %s", p.device());
    }
    if (!"complete".equals(p.status())) {
      failWithMessage("Expected a complete run, but its status is '%s'", p.status());
    }
    return this;
  }
}
