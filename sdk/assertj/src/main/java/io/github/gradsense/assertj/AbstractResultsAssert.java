package io.github.gradsense.assertj;

import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.runtime.DeviceReport;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * The checks on a run's {@link Results} (what it measured, how far training got, whether a rerun
 * reproduced it bit for bit), for {@link ResultsAssert} and for a lab's own assert that adds
 * checks of its own. Every check returns {@code SELF}, so the kit's checks and a subclass's chain
 * in any order; {@link #series(String)} moves on to a {@link ProbeSeriesAssert}.
 *
 * <pre>{@code
 * class MyResultsAssert extends AbstractResultsAssert<MyResultsAssert> {
 *   MyResultsAssert(Results actual) {
 *     super(actual, MyResultsAssert.class);
 *   }
 *
 *   MyResultsAssert hasSeedOf(long seed) {
 *     isNotNull();
 *     if (actual.provenance().seed() != seed) {
 *       failWithMessage("Expected seed %d, but the run used %d", seed, actual.provenance().seed());
 *     }
 *     return myself;
 *   }
 * }
 *
 * new MyResultsAssert(results).hasSeedOf(5).hasFinalLossBelow(0.1).series("mode-strength").learnsInOrderOf(2, 1);
 * }</pre>
 *
 * @param <SELF> the assert's own type, which every check returns
 */
public abstract class AbstractResultsAssert<SELF extends AbstractResultsAssert<SELF>> extends AbstractAssert<SELF, Results> {

  /**
   * @param actual the run under test
   * @param selfType the concrete assert's class, {@code SELF}
   */
  protected AbstractResultsAssert(Results actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** A probe wrote series {@code name}. */
  public SELF hasSeries(String name) {
    isNotNull();
    if (!actual.seriesNames().contains(name)) {
      failWithMessage("Expected series '%s', but the run wrote %s", name, actual.seriesNames());
    }
    return myself;
  }

  /** Assertions on series {@code name} (its only probe point). */
  public ProbeSeriesAssert series(String name) {
    hasSeries(name);
    return new ProbeSeriesAssert(actual.series(name));
  }

  /** The training loss at the last step is finite and below {@code threshold}. */
  public SELF hasFinalLossBelow(double threshold) {
    isNotNull();
    double loss = actual.finalLoss();
    if (!(loss < threshold)) {
      failWithMessage("Expected the final training loss below %s, but it is %s", String.format(Locale.ROOT, "%.4g", threshold),
          String.format(Locale.ROOT, "%.6g", loss));
    }
    return myself;
  }

  /**
   * {@code rerun}, the same experiment run again, reproduced this run bit for bit: the same
   * recorded configuration and seed on the same kernels (thread counts, oneDNN, deterministic
   * mode, CPU model and kernel instruction set), every series with the same steps and exactly the
   * same values, the same final parameters and final loss. The guarantee it checks is the
   * README's: same configuration and seed on one machine kind give the same bits; a different
   * thread count or CPU generation does not (the message then names the setting that differs).
   *
   * <pre>{@code
   * assertThat(experiment.run()).isReproducedBy(experiment.run());
   * }</pre>
   */
  public SELF isReproducedBy(Results rerun) {
    isNotNull();
    Provenance a = actual.provenance();
    Provenance b = rerun.provenance();
    String kernels = kernels(a.device());
    if (!kernels.equals(kernels(b.device()))) {
      failWithMessage("Expected the rerun on the same kernels, which the bits depend on, but it ran on %s against %s",
          kernels(b.device()), kernels);
    }
    if (!a.config().equals(b.config()) || a.seed() != b.seed()) {
      for (String key : new java.util.TreeSet<>(union(a.config().keySet(), b.config().keySet()))) {
        if (!java.util.Objects.equals(a.config().get(key), b.config().get(key))) {
          failWithMessage("Expected the rerun to record the same experiment, but its '%s' differs: %s against %s", key,
              a.config().get(key), b.config().get(key));
        }
      }
      failWithMessage("Expected the rerun to record the same seed, but it ran with %d against %d", b.seed(), a.seed());
    }
    if (!actual.seriesNames().equals(rerun.seriesNames())) {
      failWithMessage("Expected the rerun to write the series %s, but it wrote %s", actual.seriesNames(), rerun.seriesNames());
    }
    for (String name : new java.util.TreeSet<>(actual.seriesNames())) {
      for (ProbeSeries s : seriesOf(actual, name)) {
        ProbeSeries t = rerun.series(name, s.point());
        if (!java.util.Arrays.equals(s.steps(), t.steps())) {
          failWithMessage("Expected series '%s' at %s probed at the same steps, but the rerun's differ", name, s.point());
        }
        for (int i = 0; i < s.size(); i++) {
          double[] x = s.row(i);
          double[] y = t.row(i);
          for (int j = 0; j < x.length; j++) {
            if (Double.doubleToLongBits(x[j]) != Double.doubleToLongBits(y[j])) {
              failWithMessage("Expected the same bits, but series '%s' at %s, step %d, column %s is %s in the rerun against %s",
                  name, s.point(), s.steps()[i], s.columns().get(j), Double.toString(y[j]), Double.toString(x[j]));
            }
          }
        }
      }
    }
    if (!actual.finalParameters().equals(rerun.finalParameters())) {
      for (int k = 0; k < actual.finalParameters().size(); k++) {
        if (!actual.finalParameters().get(k).equals(rerun.finalParameters().get(k))) {
          failWithMessage("Expected the same bits, but the final parameter '%s' differs in the rerun",
              actual.finalParameters().get(k).name());
        }
      }
      failWithMessage("Expected the same final parameters, but the rerun has %d against %d",
          rerun.finalParameters().size(), actual.finalParameters().size());
    }
    if (Double.doubleToLongBits(actual.finalLoss()) != Double.doubleToLongBits(rerun.finalLoss())) {
      failWithMessage("Expected the same final loss, but the rerun's is %s against %s", Double.toString(rerun.finalLoss()),
          Double.toString(actual.finalLoss()));
    }
    return myself;
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static List<ProbeSeries> seriesOf(Results r, String name) {
    return r.points(name).stream().map(p -> r.series(name, p)).toList();
  }

  private static String kernels(DeviceReport d) {
    return String.format(Locale.ROOT, "%d intra-op / %d inter-op threads, oneDNN %s%s, %s (family %d model %d) with %s kernels",
        d.intraOpThreads(), d.interOpThreads(), d.oneDnn() ? "on" : "off", d.deterministic() ? ", deterministic" : "",
        d.cpu() == null ? "unknown CPU" : d.cpu().modelName(), d.cpu() == null ? -1 : d.cpu().family(),
        d.cpu() == null ? -1 : d.cpu().model(), d.cpu() == null ? "unknown" : d.cpu().kernelIsa());
  }
}
