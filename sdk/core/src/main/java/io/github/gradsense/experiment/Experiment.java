package io.github.gradsense.experiment;

import io.github.gradsense.data.DataSpec;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.data.TaskSpec;
import io.github.gradsense.network.Network;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.probe.Schedule;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.Objective;
import io.github.gradsense.train.StepListener;
import io.github.gradsense.train.Training;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.tensorflow.types.family.TFloating;

/**
 * An experiment: data, a network, how to train it, and what to probe while it trains. Immutable;
 * every method returns a new experiment. A thin façade over its {@link ExperimentSpec} and a run
 * loop whose concerns (probe recording, CSV and {@code .npy} files, checkpoints, progress, the stop
 * rule, your own) are {@link RunListener}s. {@link #run(Report)} validates everything before any
 * native work, trains, and returns the {@link Results}.
 *
 * <pre>{@code
 * Results r = Experiment.named("c1-tied")
 *     .data(Data.gaussian(Spectrum.powerLaw(16, 1.0, 1.0)))
 *     .network(Networks.linearAutoencoder().tied())
 *     .train(Training.expectedGradient(0.5).steps(3000).seed(1))
 *     .probe(Probes.modeStrength(16))
 *     .run();
 * double tHalf = r.series("mode-strength").trajectory("pc1").halfTime();
 * }</pre>
 */
public final class Experiment {
  private final ExperimentSpec spec;
  private final List<RunListener> listeners;
  private final boolean progress;
  private final @Nullable StopWhen stop;

  /** Ends a run once a probe's latest row satisfies a condition. */
  private record StopWhen(String series, Predicate<double[]> condition) {}

  private Experiment(ExperimentSpec spec, List<RunListener> listeners, boolean progress, @Nullable StopWhen stop) {
    this.spec = spec;
    this.listeners = List.copyOf(listeners);
    this.progress = progress;
    this.stop = stop;
  }

  private Experiment with(ExperimentSpec s) {
    return new Experiment(s, listeners, progress, stop);
  }

  /** A new experiment; {@code name} is letters, digits, '.', '_' or '-' (1 to 100 characters). */
  public static Experiment named(String name) {
    return of(ExperimentSpec.named(name));
  }

  /** The experiment of {@code spec} (progress on, no listeners). */
  public static Experiment of(ExperimentSpec spec) {
    return new Experiment(Objects.requireNonNull(spec, "spec"), List.of(), true, null);
  }

  /**
   * The experiment a run recorded: its spec read back from {@code run.json}'s {@code config} by the
   * closed lists of type names, so that any run can be re-run from its record. <pre>{@code
   * Results again = Experiment.from(Provenance.read(dir.resolve("run.json"))).run();
   * }</pre>
   *
   * @throws IllegalArgumentException naming the setting that cannot be re-created
   */
  public static Experiment from(Provenance record) {
    return of(ExperimentSpec.fromSettings(record.experiment(), record.config()));
  }

  /** This experiment with another spec, keeping its listeners, progress and stop rule. */
  Experiment withSpec(ExperimentSpec s) {
    return with(s);
  }

  /** This experiment under another name (same rules as {@link #named}). */
  public Experiment renamed(String newName) {
    return with(spec.withName(newName));
  }

  /** A task to train on (batches with labels, or crops to reconstruct) instead of a data set; trained by {@link Training#sgd}. */
  public Experiment task(TaskSpec task) {
    return with(spec.withTask(Objects.requireNonNull(task, "task")));
  }

  /** The objective of a task (cross-entropy for tasks with classes, reconstruction otherwise). */
  public Experiment objective(Objective o) {
    return with(spec.withObjective(Objects.requireNonNull(o, "objective")));
  }

  /** The data to train on. */
  public Experiment data(DataSpec data) {
    return with(spec.withData(Objects.requireNonNull(data, "data")));
  }

  /** The network to train. */
  public Experiment network(Network network) {
    return with(spec.withNetwork(Objects.requireNonNull(network, "network")));
  }

  /** How to train. */
  public Experiment train(Training training) {
    return with(spec.withTraining(Objects.requireNonNull(training, "training")));
  }

  /**
   * This experiment with its training changed by {@code change}: a sweep over one setting. <pre>{@code
   * for (long seed = 1; seed <= 3; seed++) { long s = seed; template.renamed("run-" + s).training(t -> t.seed(s)).run(); }
   * }</pre>
   *
   * @throws IllegalStateException when no training has been set yet
   */
  public Experiment training(UnaryOperator<Training> change) {
    if (spec.training() == null) {
      throw new IllegalStateException("experiment '" + spec.name() + "' has no training to change yet: call train(...) first");
    }
    return train(Objects.requireNonNull(change.apply(spec.training()), "the changed training"));
  }

  /** Adds a probe; probe names must be unique within an experiment. */
  public Experiment probe(Probe probe) {
    List<Probe> p = new ArrayList<>(spec.probes());
    p.add(Objects.requireNonNull(probe, "probe"));
    return with(spec.withProbes(p));
  }

  /** Precision, threads and device. */
  public Experiment runtime(RuntimeConfig config) {
    return with(spec.withRuntime(Objects.requireNonNull(config, "runtime")));
  }

  /** Adds a listener, told before the experiment's own (probes, checkpoints, stop rule, progress). */
  public Experiment listener(RunListener listener) {
    List<RunListener> l = new ArrayList<>(listeners);
    l.add(Objects.requireNonNull(listener, "listener"));
    return new Experiment(spec, l, progress, stop);
  }

  /** Adds a callback run after every update. */
  public Experiment onStep(StepListener listener) {
    return listener(RunListener.onStep(listener));
  }

  /**
   * Adds a callback run after the updates of {@code schedule} (step 0 excluded: it runs after an
   * update). <pre>{@code
   * experiment.onStep(Schedule.logSpaced(20), e -> System.out.println(e.step() + " " + e.loss()));
   * }</pre>
   */
  public Experiment onStep(Schedule schedule, StepListener listener) {
    return listener(RunListener.onStep(schedule, listener));
  }

  /** Whether to log progress lines to standard error (on by default; every 10 s on long runs). */
  public Experiment progress(boolean on) {
    return new Experiment(spec, listeners, on, stop);
  }

  /**
   * Ends training early, after the first reading of probe {@code series} whose row satisfies
   * {@code condition}; every probe is then read once more at that last step. <pre>{@code
   * experiment.stopWhen("mode-strength", u -> Arrays.stream(u).allMatch(x -> x > 0.6));
   * }</pre>
   */
  public Experiment stopWhen(String series, Predicate<double[]> condition) {
    return new Experiment(spec, listeners, progress,
        new StopWhen(Objects.requireNonNull(series, "series"), Objects.requireNonNull(condition, "condition")));
  }

  /** The name. */
  public String name() {
    return spec.name();
  }

  /** What this experiment is, as data. */
  public ExperimentSpec spec() {
    return spec;
  }

  /** Runs without writing files. */
  public Results run() {
    return run(Report.none());
  }

  /** Runs, writing {@code run.json} and one CSV per probe under the report's folder. */
  public Results run(Report report) {
    validate();
    return execute(report, true, null);
  }

  /**
   * Continues a run killed after a checkpoint ({@code checkpointEvery}) from the report folder's
   * {@code checkpoint.bin}, to the same final weights and probe rows, bit for bit, as without the
   * interruption (same runtime configuration). A checkpoint of another spec is refused, naming the
   * first setting that differs. <pre>{@code
   * Results r = experiment.resume(Report.to(dir));
   * }</pre>
   */
  public Results resume(Report report) {
    validate();
    Path dir = report.folder().orElseThrow(() -> new IllegalArgumentException("resume needs the report folder of the run"));
    return execute(report, true, Checkpoint.read(dir.resolve(Checkpoint.FILE)));
  }

  /**
   * Measures every probe once on the network as initialised, without training (untrained, shuffled
   * or hand-built controls); a training, if set, only lends its seed. <pre>{@code
   * Results untrained = Experiment.named("untrained").data(d).network(net).probe(p).measure();
   * }</pre>
   */
  public Results measure() {
    return measure(Report.none());
  }

  /** {@link #measure()}, writing the report under the report's folder. */
  public Results measure(Report report) {
    spec.validate(false);
    return execute(report, false, null);
  }

  /** Checks the whole experiment without native work ({@link ExperimentSpec#validate}, and the stop rule's series). */
  public void validate() {
    spec.validate(true);
    if (stop != null && spec.probes().stream().noneMatch(p -> p.name().equals(stop.series()))) {
      throw new IllegalArgumentException("stopWhen names the series '" + stop.series() + "', which no probe writes; probes: "
          + String.join(", ", spec.probes().stream().map(Probe::name).toList()));
    }
  }

  private Results execute(Report report, boolean trains, @Nullable Checkpoint from) {
    Dataset data = spec.data() == null ? null : spec.data().build(spec.runtime());
    TaskData task = spec.task() == null ? null : spec.task().open(spec.runtime());
    try (TfSession<? extends TFloating> s = TfSession.open(spec.runtime());
        RunWriter writer = report.folder().map(RunWriter::open).orElse(null)) {
      Provenance started = RunLoop.provenance(spec, s, data, task);
      if (writer != null) {
        writer.writeRunJson(started);
      }
      try {
        RunLoop<?> loop = new RunLoop<>(spec, s, data, task, trains, writer);
        List<RunListener> after = new ArrayList<>();
        if (stop != null) {
          after.add(new StopRule(stop.series(), stop.condition(), loop.recorder()));
        }
        if (progress && trains) {
          after.add(new Progress(spec.name(), stop == null ? "" : " at most (stops early when " + stop.series() + " says so)"));
        }
        return loop.run(from, listeners, after, started);
      } catch (RuntimeException e) {
        if (writer != null) {
          writer.writeRunJson(started.finished("failed: " + e.getMessage(), Instant.now().toString(), Map.of()));
        }
        throw e;
      }
    }
  }

  @Override
  public String toString() {
    return "Experiment[" + spec.name() + ", data " + (spec.data() == null ? "-" : spec.data().name()) + ", network "
        + (spec.network() == null ? "-" : spec.network().name()) + ", probes "
        + Arrays.toString(spec.probes().stream().map(Probe::name).toArray()) + "]";
  }
}
