package io.github.gradsense.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.probe.AttachedProbe;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.probe.ProbeContext;
import io.github.gradsense.report.GitInfo;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.runtime.DeviceReport;
import io.github.gradsense.runtime.Fetched;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.LinearTrainer;
import io.github.gradsense.train.SgdTrainer;
import io.github.gradsense.train.StepEvent;
import io.github.gradsense.train.Trainer;
import io.github.gradsense.train.Training;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * One run of a validated {@link ExperimentSpec}: builds the graph, the trainer and the probes in
 * one session, then steps the trainer and tells the listeners; everything else a run does is a
 * listener ({@link ProbeRecorder}, {@link Checkpoints}, the stop rule, progress, the user's).
 */
final class RunLoop<T extends TFloating> implements Run {
  private final ExperimentSpec spec;
  private final TfSession<T> session;
  private final NetworkGraph<T> graph;
  private final Trainer trainer;
  private final ProbeRecorder recorder;
  private final Checkpoints<T> checkpoints;
  private final List<RunListener> listeners = new ArrayList<>();
  private final @Nullable RunWriter writer;
  private final @Nullable Dataset data;
  private double lastLoss = Double.NaN;
  private boolean stopping;

  RunLoop(ExperimentSpec spec, TfSession<T> session, @Nullable Dataset data, @Nullable TaskData task, boolean trains,
      @Nullable RunWriter writer) {
    this.spec = spec;
    this.session = session;
    this.data = data;
    this.writer = writer;
    Training t = spec.training();
    NetworkContext ctx = NetworkContext.of(spec.inputDim(), t == null ? 0 : t.seed());
    if (data != null) {
      ctx = ctx.withDataBasis(data.pca(), trains && t instanceof Training.ExpectedGradient eg && eg.pcBasis());
    }
    this.graph = spec.network().build(session, ctx);
    this.trainer = !trains ? Trainer.none() : trainer(t, data, task);
    ProbeContext<T> pctx = new ProbeContext<>(session, graph, data, task);
    List<AttachedProbe> attached = new ArrayList<>();
    for (Probe p : spec.probes()) {
      attached.add(p.attach(pctx));
    }
    this.recorder = new ProbeRecorder(spec.probes(), attached, trainer.totalSteps(), writer);
    List<Variable<?>> saved = new ArrayList<>(graph.parameters());
    saved.addAll(trainer.state());
    this.checkpoints = new Checkpoints<>(session, saved, recorder, spec, t == null ? 0 : t.checkpointEvery(), writer);
  }

  private Trainer trainer(Training t, @Nullable Dataset data, @Nullable TaskData task) {
    if (task != null) {
      return SgdTrainer.create(session, graph, spec.task(), task, spec.effectiveObjective(), (Training.Sgd) t);
    }
    if (graph instanceof LinearNetworkGraph<T> linear) {
      return LinearTrainer.create(session, linear, data, t);
    }
    throw new IllegalArgumentException("network '" + spec.network().name() + "' trains on a data set only as a linear "
        + "autoencoder; give it a task(...) to train by mini-batch SGD");
  }

  ProbeRecorder recorder() {
    return recorder;
  }

  /**
   * Runs to the end (or the stop), resuming from {@code from} when given. Listeners are told in
   * this order: {@code user}'s, the probe recorder, checkpoints, then {@code after}'s.
   */
  Results run(@Nullable Checkpoint from, List<RunListener> user, List<RunListener> after, Provenance started) {
    listeners.addAll(user);
    listeners.add(recorder);
    listeners.add(checkpoints);
    listeners.addAll(after);
    List<Matrix> initial = weights();
    if (from == null) {
      recorder.read(0, 0, false);
    } else {
      checkpoints.restore(from, trainer);
      lastLoss = from.lastLoss();
    }
    long startedAt = System.nanoTime();
    listeners.forEach(l -> l.onStart(this));
    while (trainer.stepsDone() < trainer.totalSteps() && !stopping) {
      StepEvent e = trainer.step();
      lastLoss = e.loss();
      for (RunListener l : listeners) {
        l.onStep(this, e);
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("steps", trainer.stepsDone());
    summary.put("plannedSteps", trainer.totalSteps());
    summary.put("finalLoss", lastLoss);
    summary.put("seconds", (System.nanoTime() - startedAt) / 1e9);
    Provenance done = started.finished("complete", Instant.now().toString(), summary);
    if (writer != null) {
      writer.writeRunJson(done);
    }
    Map<String, List<ProbeSeries>> series = recorder.series();
    if (writer != null) {
      NpySink.write(writer, series);
    }
    listeners.forEach(l -> l.onEnd(this));
    return new Results(done, data, series, initial, weights(), parameters(), lastLoss, writer == null ? null : writer.directory());
  }

  static Provenance provenance(ExperimentSpec spec, TfSession<?> s, @Nullable Dataset data, @Nullable TaskData task) {
    Training t = spec.training();
    List<Dataset.Source> sources = data != null ? data.sources() : task.sources();
    Map<String, JsonNode> config = new LinkedHashMap<>(spec.settings());
    if (data != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", data.name());
      d.put("dim", data.dim());
      d.put("size", data.size());
      config.put("dataset", io.github.gradsense.report.Json.describe(d));
    }
    return new Provenance(spec.name(), t == null ? 0 : t.seed(), config, DeviceReport.of(s.config()),
        GitInfo.commit(Path.of("")).orElse(null), Instant.now().toString(), null, "running", sources, Map.of());
  }

  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long stepsDone() {
    return trainer.stepsDone();
  }

  @Override
  public long totalSteps() {
    return trainer.totalSteps();
  }

  @Override
  public long epoch() {
    return trainer.epoch();
  }

  @Override
  public double lastLoss() {
    return lastLoss;
  }

  @Override
  public void stop() {
    if (!stopping) {
      stopping = true;
      // the last step is always read: every probe is read once more where the run ends
      recorder.read(trainer.stepsDone(), trainer.epoch(), true);
    }
  }

  @Override
  public boolean stopping() {
    return stopping;
  }

  private List<ParameterValues> parameters() {
    List<ParameterValues> out = new ArrayList<>();
    var params = graph.parameters();
    if (params.isEmpty()) {
      return out;
    }
    Fetched f = session.runner().fetch(params).run();
    for (int i = 0; i < params.size(); i++) {
      out.add(new ParameterValues(params.get(i).op().name(), f.shape(i), f.get(i)));
    }
    return out;
  }

  private List<Matrix> weights() {
    List<Matrix> w = new ArrayList<>();
    if (graph instanceof LinearNetworkGraph<T> l) {
      List<Operand<?>> f = new ArrayList<>();
      for (int i = 1; i <= l.factorCount(); i++) {
        f.add(l.factor(i));
      }
      Fetched values = session.runner().fetch(f).run();
      for (int i = 0; i < f.size(); i++) {
        w.add(values.matrix(i));
      }
    }
    return w;
  }
}
