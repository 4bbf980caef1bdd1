package io.github.gradsense.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.data.DataSpec;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.data.TaskSpec;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.Network;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.probe.AttachedProbe;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.probe.ProbeContext;
import io.github.gradsense.report.GitInfo;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.runtime.DeviceReport;
import io.github.gradsense.runtime.Fetched;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.LinearTrainer;
import io.github.gradsense.train.Objective;
import io.github.gradsense.probe.Schedule;
import io.github.gradsense.train.SgdTrainer;
import io.github.gradsense.train.StepEvent;
import io.github.gradsense.train.StepListener;
import io.github.gradsense.train.Trainer;
import io.github.gradsense.train.Training;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * An experiment: data, a network, how to train it, and what to probe while it trains. Immutable;
 * every method returns a new experiment. {@link #run(Report)} validates everything before any
 * native work, builds the graph, trains, fires each probe on its schedule (streaming rows to the
 * report folder as they come), and returns the {@link Results}.
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
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final String name;
  private final @Nullable DataSpec data;
  private final @Nullable TaskSpec task;
  private final @Nullable Objective objective;
  private final @Nullable Network network;
  private final @Nullable Training training;
  private final List<Probe> probes;
  private final RuntimeConfig runtime;
  private final List<Listener> listeners;
  private final boolean progress;
  private final @Nullable StopRule stop;

  /** A step callback, on every step (null schedule) or on a schedule's steps. */
  private record Listener(@Nullable Schedule schedule, StepListener callback) {}

  /** Ends a run early once a probe's latest row satisfies a condition. */
  private record StopRule(String series, Predicate<double[]> condition) {}

  private Experiment(String name, @Nullable DataSpec data, @Nullable TaskSpec task, @Nullable Objective objective,
      @Nullable Network network, @Nullable Training training,
      List<Probe> probes, RuntimeConfig runtime, List<Listener> listeners, boolean progress, @Nullable StopRule stop) {
    this.name = name;
    this.data = data;
    this.task = task;
    this.objective = objective;
    this.network = network;
    this.training = training;
    this.probes = List.copyOf(probes);
    this.runtime = runtime;
    this.listeners = List.copyOf(listeners);
    this.progress = progress;
    this.stop = stop;
  }

  /** A new experiment; {@code name} is letters, digits, '.', '_' or '-' (1 to 100 characters). */
  public static Experiment named(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "experiment name must be 1-100 letters, digits, '.', '_' or '-' (not starting with '.', '_' or '-'), got '"
              + name + "'");
    }
    return new Experiment(name, null, null, null, null, null, List.of(), RuntimeConfig.defaults(), List.of(), true, null);
  }

  /** This experiment under another name (same rules as {@link #named}). */
  public Experiment renamed(String newName) {
    Experiment e = named(newName);
    return new Experiment(e.name, data, task, objective, network, training, probes, runtime, listeners, progress, stop);
  }

  /**
   * A task to train on (batches with labels, or crops to reconstruct) instead of a data set; its
   * networks train with {@link io.github.gradsense.train.SgdTrainer}.
   */
  public Experiment task(TaskSpec spec) {
    return new Experiment(name, data, Objects.requireNonNull(spec, "task"), objective, network, training, probes, runtime, listeners, progress, stop);
  }

  /** The objective of a task (cross-entropy for tasks with classes, reconstruction otherwise). */
  public Experiment objective(Objective o) {
    return new Experiment(name, data, task, Objects.requireNonNull(o, "objective"), network, training, probes, runtime, listeners, progress, stop);
  }

  /** The data to train on. */
  public Experiment data(DataSpec spec) {
    return new Experiment(name, Objects.requireNonNull(spec, "data"), task, objective, network, training, probes, runtime, listeners, progress, stop);
  }

  /** The network to train. */
  public Experiment network(Network spec) {
    return new Experiment(name, data, task, objective, Objects.requireNonNull(spec, "network"), training, probes, runtime, listeners, progress, stop);
  }

  /** How to train. */
  public Experiment train(Training spec) {
    return new Experiment(name, data, task, objective, network, Objects.requireNonNull(spec, "training"), probes, runtime, listeners, progress, stop);
  }

  /**
   * This experiment with its training changed by {@code change}: a sweep over one setting of a
   * template. <pre>{@code
   * for (long seed = 1; seed <= 3; seed++) { long s = seed; template.renamed("run-" + s).training(t -> t.seed(s)).run(); }
   * }</pre>
   *
   * @throws IllegalStateException when no training has been set yet
   */
  public Experiment training(java.util.function.UnaryOperator<Training> change) {
    if (training == null) {
      throw new IllegalStateException("experiment '" + name + "' has no training to change yet: call train(...) first");
    }
    return train(Objects.requireNonNull(change.apply(training), "the changed training"));
  }

  /** Adds a probe; probe names must be unique within an experiment. */
  public Experiment probe(Probe probe) {
    List<Probe> p = new ArrayList<>(probes);
    p.add(Objects.requireNonNull(probe, "probe"));
    return new Experiment(name, data, task, objective, network, training, p, runtime, listeners, progress, stop);
  }

  /** Precision, threads and device. */
  public Experiment runtime(RuntimeConfig config) {
    return new Experiment(name, data, task, objective, network, training, probes, Objects.requireNonNull(config, "runtime"), listeners, progress, stop);
  }

  /** Adds a callback run after every update. */
  public Experiment onStep(StepListener listener) {
    List<Listener> l = new ArrayList<>(listeners);
    l.add(new Listener(null, Objects.requireNonNull(listener, "listener")));
    return new Experiment(name, data, task, objective, network, training, probes, runtime, l, progress, stop);
  }

  /**
   * Adds a callback run after the updates of {@code schedule} (step 0 excluded: it runs after an
   * update).
   *
   * <pre>{@code
   * experiment.onStep(Schedule.logSpaced(20), e -> System.out.println(e.step() + " " + e.loss()));
   * }</pre>
   */
  public Experiment onStep(Schedule schedule, StepListener listener) {
    List<Listener> l = new ArrayList<>(listeners);
    l.add(new Listener(Objects.requireNonNull(schedule, "schedule"), Objects.requireNonNull(listener, "listener")));
    return new Experiment(name, data, task, objective, network, training, probes, runtime, l, progress, stop);
  }

  /** Whether to log progress lines to standard error (on by default; every 10 s on long runs). */
  public Experiment progress(boolean on) {
    return new Experiment(name, data, task, objective, network, training, probes, runtime, listeners, on, stop);
  }

  /**
   * Ends training early, after the first firing of probe {@code series} whose row satisfies
   * {@code condition} (the training's step count stays the upper bound). Every probe is then read
   * once more at that last step.
   *
   * <pre>{@code
   * experiment.stopWhen("mode-strength", u -> Arrays.stream(u).allMatch(x -> x > 0.6));
   * }</pre>
   */
  public Experiment stopWhen(String series, Predicate<double[]> condition) {
    return new Experiment(name, data, task, objective, network, training, probes, runtime, listeners, progress,
        new StopRule(Objects.requireNonNull(series, "series"), Objects.requireNonNull(condition, "condition")));
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** Runs without writing files. */
  public Results run() {
    return run(Report.none());
  }

  /** Runs, writing {@code run.json} and one CSV per probe under the report's folder. */
  public Results run(Report report) {
    validate();
    return execute(report, false);
  }

  /**
   * Continues a run killed after a checkpoint ({@code Training.checkpointEvery}) from the
   * {@code checkpoint.bin} in the report's folder; it reaches the same final weights and probe
   * rows, bit for bit, as the run would have without the interruption (same runtime configuration).
   *
   * <pre>{@code
   * Results r = experiment.resume(Report.to(dir));
   * }</pre>
   */
  public Results resume(Report report) {
    validate();
    Path dir = report.folder().orElseThrow(() -> new IllegalArgumentException("resume needs the report folder of the run"));
    return execute(report, false, Checkpoint.read(dir.resolve(Checkpoint.FILE)));
  }

  private Results execute(Report report, boolean measureOnly) {
    return execute(report, measureOnly, null);
  }

  private Results execute(Report report, boolean measureOnly, @Nullable Checkpoint from) {
    Dataset built = data == null ? null : data.build(runtime);
    TaskData opened = task == null ? null : task.open(runtime);
    try (TfSession<? extends TFloating> s = TfSession.open(runtime)) {
      return runIn(s, built, opened, report, measureOnly, from);
    }
  }

  /**
   * Measures every probe once on the network as initialised, without training (for untrained,
   * shuffled or hand-built controls); a training spec, if set, only lends its seed.
   *
   * <pre>{@code
   * Results untrained = Experiment.named("untrained").data(d).network(net).probe(p).measure();
   * }</pre>
   */
  public Results measure() {
    return measure(Report.none());
  }

  /** {@link #measure()}, writing the report under the report's folder. */
  public Results measure(Report report) {
    validate(false);
    return execute(report, true);
  }

  /**
   * Checks the whole experiment without native work: parts present, data and network widths
   * agreeing, batch size within the data, probes fitting the data and the network's probe points.
   */
  public void validate() {
    validate(true);
  }

  private void validate(boolean trains) {
    if (data == null && task == null) {
      throw new IllegalStateException("experiment '" + name + "' has no data: call data(...) or task(...)");
    }
    if (data != null && task != null) {
      throw new IllegalStateException("experiment '" + name + "' has both data and a task: keep one");
    }
    if (network == null) {
      throw new IllegalStateException("experiment '" + name + "' has no network: call network(...)");
    }
    if (trains && training == null) {
      throw new IllegalStateException("experiment '" + name + "' has no training: call train(...)");
    }
    int dim = inputDim();
    if (network.inputWidth(dim) != dim) {
      throw new IllegalArgumentException("network input width " + network.inputWidth(dim) + " does not match the "
          + (data != null ? "data dimension " : "task's input of ") + dim);
    }
    if (task != null) {
      Objective objective = effectiveObjective();
      if (objective instanceof Objective.SquaredError) {
        if (task.targetWidth() < 1) {
          throw new IllegalArgumentException("task '" + task.name() + "' has no regression targets: use "
              + (task.classes() > 0 ? "Objective.crossEntropy()" : "Objective.reconstruction()"));
        }
        if (network.outputWidth(dim) != task.targetWidth()) {
          throw new IllegalArgumentException("network output width " + network.outputWidth(dim)
              + " does not match the task's target width " + task.targetWidth());
        }
        if (trains && task instanceof io.github.gradsense.data.RegressionTask r && training.batchSize() > r.items()) {
          throw new IllegalArgumentException("batch must be in [1, " + r.items() + "] (the task's items; "
              + r.items() + " is the full batch), got " + training.batchSize());
        }
      } else if (objective instanceof Objective.CrossEntropy) {
        if (task.classes() < 1) {
          throw new IllegalArgumentException("task '" + task.name() + "' has no classes: use Objective.reconstruction()");
        }
        if (network.outputWidth(dim) != task.classes()) {
          throw new IllegalArgumentException("network output width " + network.outputWidth(dim) + " does not match the task's "
              + task.classes() + " classes");
        }
      } else if (network.outputWidth(dim) != dim) {
        throw new IllegalArgumentException(
            "reconstruction needs the network's output width to equal the input width " + dim + ", got " + network.outputWidth(dim));
      }
      if (trains && training.steps() == 0) {
        throw new IllegalArgumentException("a task draws fresh batches and counts steps, not epochs: set steps > 0");
      }
    } else if (trains) {
      LinearTrainer.check(network.inputWidth(dim), network.outputWidth(dim), data, training);
    }
    Set<String> names = new HashSet<>();
    for (Probe p : probes) {
      p.check(dim, network.probePoints());
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("two probes write the series '" + p.name() + "'; probe names must be unique");
      }
    }
    if (stop != null && !names.contains(stop.series())) {
      throw new IllegalArgumentException(
          "stopWhen names the series '" + stop.series() + "', which no probe writes; probes: " + String.join(", ", names));
    }
  }

  private int inputDim() {
    if (data != null) {
      return data.dim();
    }
    return task.inputShape().stream().reduce(1, (a, b) -> a * b);
  }

  private Objective effectiveObjective() {
    if (objective != null) {
      return objective;
    }
    if (task != null && task.targetWidth() > 0) {
      return Objective.summedSquaredError();
    }
    return task != null && task.classes() > 0 ? Objective.crossEntropy() : Objective.reconstruction();
  }

  private <T extends TFloating> Results runIn(TfSession<T> s, @Nullable Dataset built, @Nullable TaskData opened,
      Report report, boolean measureOnly, @Nullable Checkpoint from) {
    Training t = training;
    long seed = t == null ? 0 : t.seed();
    boolean storeRotated = !measureOnly && built != null && t.mode() == Training.Mode.EXPECTED_GRADIENT && t.pcBasis();
    NetworkContext ctx = NetworkContext.of(inputDim(), seed);
    if (built != null) {
      ctx = ctx.withDataBasis(built.pca(), storeRotated);
    }
    NetworkGraph<T> graph = network.build(s, ctx);
    Trainer trainer;
    if (measureOnly) {
      trainer = Trainer.none();
    } else if (opened != null) {
      trainer = SgdTrainer.create(s, graph, task, opened, effectiveObjective(), t);
    } else if (graph instanceof LinearNetworkGraph<T> linear) {
      trainer = LinearTrainer.create(s, linear, built, t);
    } else {
      throw new IllegalArgumentException("network '" + network.name() + "' trains on a data set only as a linear "
          + "autoencoder; give it a task(...) to train by mini-batch SGD");
    }
    ProbeContext<T> pctx = new ProbeContext<>(s, graph, built, opened);
    List<AttachedProbe> attached = new ArrayList<>();
    for (Probe p : probes) {
      attached.add(p.attach(pctx));
    }
    long total = trainer.totalSteps();
    long[][] schedules = new long[probes.size()][];
    for (int i = 0; i < probes.size(); i++) {
      schedules[i] = probes.get(i).schedule().steps(total);
    }
    List<long[]> listenerSteps = new ArrayList<>();
    for (Listener l : listeners) {
      listenerSteps.add(l.schedule() == null ? null : l.schedule().steps(total));
    }
    Map<String, SeriesBuilder> series = new LinkedHashMap<>();
    for (int i = 0; i < probes.size(); i++) {
      series.put(probes.get(i).name(), new SeriesBuilder(probes.get(i).name(), attached.get(i)));
    }
    List<Dataset.Source> sources = built != null ? built.sources() : opened.sources();
    Provenance prov = new Provenance(name, seed, config(built), DeviceReport.of(s.config()),
        GitInfo.commit(Path.of("")).orElse(null), Instant.now().toString(), null, "running", sources, Map.of());
    RunWriter writer = report.folder().map(RunWriter::open).orElse(null);
    try {
      if (writer != null) {
        writer.writeRunJson(prov);
      }
      List<Matrix> initial = weights(s, graph);
      int[] next = new int[probes.size()];
      List<Variable<?>> saved = new ArrayList<>(graph.parameters());
      saved.addAll(trainer.state());
      double lastLoss = Double.NaN;
      if (from == null) {
        fire(s, 0, 0, schedules, next, attached, series, writer, false);
      } else {
        restore(s, from, saved, trainer, series, schedules, next, attached, writer);
        lastLoss = from.lastLoss();
      }
      long every = t == null ? 0 : t.checkpointEvery();
      long started = System.nanoTime();
      Progress bar = progress ? new Progress(name, trainer.stepsDone(), total,
          stop == null ? "" : " at most (stops early when " + stop.series() + " says so)") : null;
      boolean stopped = false;
      while (trainer.stepsDone() < total && !stopped) {
        StepEvent e = trainer.step();
        lastLoss = e.loss();
        for (int i = 0; i < listeners.size(); i++) {
          long[] at = listenerSteps.get(i);
          if (at == null || Arrays.binarySearch(at, e.step()) >= 0) {
            listeners.get(i).callback().onStep(e);
          }
        }
        fire(s, e.step(), trainer.epoch(), schedules, next, attached, series, writer, false);
        if (every > 0 && writer != null && e.step() % every == 0) {
          writer.writeAtomically(Checkpoint.FILE, checkpoint(s, e.step(), lastLoss, saved, series).toBytes());
        }
        if (stop != null) {
          double[] row = series.get(stop.series()).lastRowAt(e.step());
          stopped = row != null && stop.condition().test(row);
          if (stopped) {
            // the last step is always read: every probe fires once more where the run ends
            fire(s, e.step(), trainer.epoch(), schedules, next, attached, series, writer, true);
          }
        }
        if (bar != null) {
          bar.step(e.step(), e.loss());
        }
      }
      List<Matrix> weights = weights(s, graph);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("steps", trainer.stepsDone());
      summary.put("plannedSteps", total);
      summary.put("finalLoss", lastLoss);
      summary.put("seconds", (System.nanoTime() - started) / 1e9);
      Provenance done = prov.finished("complete", Instant.now().toString(), summary);
      if (writer != null) {
        writer.writeRunJson(done);
      }
      Map<String, List<ProbeSeries>> out = new LinkedHashMap<>();
      series.forEach((k, v) -> out.put(k, v.build()));
      if (writer != null) {
        writeArrays(writer, out);
      }
      if (bar != null) {
        bar.done(trainer.stepsDone(), lastLoss);
      }
      return new Results(done, built, out, initial, weights, parameters(s, graph), lastLoss, writer == null ? null : writer.directory());
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.writeRunJson(prov.finished("failed: " + e.getMessage(), Instant.now().toString(), Map.of()));
      }
      throw e;
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
  }

  private static <T extends TFloating> Checkpoint checkpoint(TfSession<T> s, long step, double loss, List<Variable<?>> saved,
      Map<String, SeriesBuilder> series) {
    Map<String, double[]> values = new LinkedHashMap<>();
    if (!saved.isEmpty()) {
      Fetched f = s.runner().fetch(saved).run();
      for (int i = 0; i < saved.size(); i++) {
        values.put(saved.get(i).op().name(), f.get(i));
      }
    }
    Map<String, List<Checkpoint.Row>> rows = new LinkedHashMap<>();
    series.forEach((k, v) -> rows.put(k, v.rows()));
    return new Checkpoint(step, loss, values, rows);
  }

  @SuppressWarnings("unchecked")
  private <T extends TFloating> void restore(TfSession<T> s, Checkpoint from, List<Variable<?>> saved, Trainer trainer,
      Map<String, SeriesBuilder> series, long[][] schedules, int[] next, List<AttachedProbe> attached, @Nullable RunWriter writer) {
    for (Variable<?> v : saved) {
      double[] values = from.variables().get(v.op().name());
      if (values == null) {
        throw new IllegalArgumentException("the checkpoint has no variable '" + v.op().name()
            + "': it was written by a different experiment");
      }
      s.assign((Variable<T>) v, values);
    }
    trainer.resumeAt(from.step());
    for (int i = 0; i < probes.size(); i++) {
      String probeName = probes.get(i).name();
      List<Checkpoint.Row> rows = from.rows().getOrDefault(probeName, List.of());
      SeriesBuilder b = series.get(probeName);
      for (Checkpoint.Row r : rows) {
        b.add(r.step(), r.epoch(), r.values());
        if (writer != null) {
          for (int p = 0; p < r.values().length; p++) {
            writer.append(probeName, r.step(), r.epoch(), attached.get(i).points().get(p), attached.get(i).columns(), r.values()[p]);
          }
        }
      }
      while (next[i] < schedules[i].length && schedules[i][next[i]] <= from.step()) {
        next[i]++;
      }
    }
  }

  private static <T extends TFloating> List<ParameterValues> parameters(TfSession<T> s, NetworkGraph<T> graph) {
    List<ParameterValues> out = new ArrayList<>();
    var params = graph.parameters();
    if (params.isEmpty()) {
      return out;
    }
    Fetched f = s.runner().fetch(params).run();
    for (int i = 0; i < params.size(); i++) {
      out.add(new ParameterValues(params.get(i).op().name(), f.shape(i), f.get(i)));
    }
    return out;
  }

  private static <T extends TFloating> List<Matrix> weights(TfSession<T> s, NetworkGraph<T> graph) {
    List<Matrix> w = new ArrayList<>();
    if (graph instanceof LinearNetworkGraph<T> l) {
      List<Operand<?>> f = new ArrayList<>();
      for (int i = 1; i <= l.factorCount(); i++) {
        f.add(l.factor(i));
      }
      Fetched values = s.runner().fetch(f).run();
      for (int i = 0; i < f.size(); i++) {
        w.add(values.matrix(i));
      }
    }
    return w;
  }

  private <T extends TFloating> void fire(TfSession<T> s, long step, long epoch, long[][] schedules, int[] next,
      List<AttachedProbe> attached, Map<String, SeriesBuilder> series, @Nullable RunWriter writer) {
    fire(s, step, epoch, schedules, next, attached, series, writer, false);
  }

  /** Fires the probes due at {@code step}; with {@code last}, every probe not yet read at this step. */
  private <T extends TFloating> void fire(TfSession<T> s, long step, long epoch, long[][] schedules, int[] next,
      List<AttachedProbe> attached, Map<String, SeriesBuilder> series, @Nullable RunWriter writer, boolean last) {
    for (int i = 0; i < schedules.length; i++) {
      boolean scheduled = next[i] < schedules[i].length && schedules[i][next[i]] == step;
      boolean pending = last && !series.get(probes.get(i).name()).firedAt(step);
      if (!scheduled && !pending) {
        continue;
      }
      if (scheduled) {
        next[i]++;
      }
      AttachedProbe a = attached.get(i);
      double[][] rows = a.measure();
      Probe p = probes.get(i);
      series.get(p.name()).add(step, epoch, rows);
      if (writer != null) {
        for (int r = 0; r < rows.length; r++) {
          writer.append(p.name(), step, epoch, a.points().get(r), a.columns(), rows[r]);
        }
      }
    }
  }

  /**
   * One {@code .npy} per series and probe point beside the CSVs: {@code <series>[.<point>].npy},
   * shape (probed steps) × (1 + columns), column 0 the step, then the columns in the CSV's order.
   */
  private static void writeArrays(RunWriter writer, Map<String, List<ProbeSeries>> out) {
    for (List<ProbeSeries> perPoint : out.values()) {
      for (ProbeSeries s : perPoint) {
        double[][] rows = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
          double[] r = s.row(i);
          rows[i] = new double[r.length + 1];
          rows[i][0] = s.steps()[i];
          System.arraycopy(r, 0, rows[i], 1, r.length);
        }
        writer.writeNpy(s.point().isEmpty() ? s.name() : s.name() + "." + s.point(), rows);
      }
    }
  }

  private Map<String, JsonNode> config(@Nullable Dataset built) {
    Map<String, JsonNode> c = new LinkedHashMap<>();
    Map<String, Object> d = new LinkedHashMap<>();
    if (built != null) {
      d.put("name", built.name());
      d.put("dim", built.dim());
      d.put("size", built.size());
      d.put("spec", built.recipe().map(r -> (Object) r).orElse("a data set built by hand"));
      c.put("data", Json.describe(d));
    } else {
      d.put("name", task.name());
      d.put("spec", task);
      d.put("objective", effectiveObjective().getClass().getSimpleName());
      c.put("task", Json.describe(d));
    }
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("name", network.name());
    n.put("spec", network);
    c.put("network", Json.describe(n));
    c.put("training", training == null ? Json.describe("none: measured as initialised") : Json.describe(training));
    List<Object> p = new ArrayList<>();
    for (Probe probe : probes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", probe.name());
      m.put("spec", probe);
      p.add(m);
    }
    c.put("probes", Json.describe(p));
    c.put("runtime", Json.describe(runtime));
    return c;
  }

  /** Collects one probe's rows, one list per probe point. */
  private static final class SeriesBuilder {
    private final String name;
    private final AttachedProbe probe;
    private final List<long[]> keys = new ArrayList<>();
    private final List<double[][]> rows = new ArrayList<>();

    SeriesBuilder(String name, AttachedProbe probe) {
      this.name = name;
      this.probe = probe;
    }

    void add(long step, long epoch, double[][] values) {
      if (values.length != probe.points().size()) {
        throw new IllegalStateException("probe '" + name + "' measured " + values.length + " rows for "
            + probe.points().size() + " probe points");
      }
      keys.add(new long[] {step, epoch});
      rows.add(values);
    }

    List<Checkpoint.Row> rows() {
      List<Checkpoint.Row> out = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        out.add(new Checkpoint.Row(keys.get(i)[0], keys.get(i)[1], rows.get(i)));
      }
      return out;
    }

    boolean firedAt(long step) {
      return !keys.isEmpty() && keys.get(keys.size() - 1)[0] == step;
    }

    /** The first point's row at {@code step}, if the probe fired there. */
    @Nullable double[] lastRowAt(long step) {
      return firedAt(step) ? rows.get(rows.size() - 1)[0] : null;
    }

    List<ProbeSeries> build() {
      long[] steps = keys.stream().mapToLong(k -> k[0]).toArray();
      long[] epochs = keys.stream().mapToLong(k -> k[1]).toArray();
      List<ProbeSeries> out = new ArrayList<>();
      for (int p = 0; p < probe.points().size(); p++) {
        double[][] r = new double[rows.size()][];
        for (int i = 0; i < r.length; i++) {
          r[i] = rows.get(i)[p];
        }
        out.add(new ProbeSeries(name, probe.points().get(p), probe.columns(), steps, epochs, r));
      }
      return out;
    }
  }

  @Override
  public String toString() {
    return "Experiment[" + name + ", data " + (data == null ? "-" : data.name()) + ", network "
        + (network == null ? "-" : network.name()) + ", probes " + Arrays.toString(probes.stream().map(Probe::name).toArray()) + "]";
  }
}
