package io.github.gradsense.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import io.github.gradsense.data.DataSpec;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.RegressionTask;
import io.github.gradsense.data.TaskSpec;
import io.github.gradsense.network.Network;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.report.Json;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.LinearTrainer;
import io.github.gradsense.train.Objective;
import io.github.gradsense.train.Training;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an experiment is, as data: a name, a data set or a task, an objective, a network, a
 * training, probes and the runtime. Immutable; {@link #validate(boolean)} checks the parts against
 * each other before any native work, and {@link #settings()} is its canonical record (the
 * {@code config} of {@code run.json}, and what a checkpoint's {@link #hash()} covers).
 *
 * <pre>{@code
 * ExperimentSpec spec = Experiment.named("c1").data(d).network(n).train(t).spec();
 * String h = spec.hash();
 * }</pre>
 *
 * @param name letters, digits, '.', '_' or '-' (1 to 100 characters, not starting with '.', '_' or '-')
 * @param data the data set to train on, or null for a task
 * @param task the task to train on, or null for a data set
 * @param objective the task's objective, or null for its default
 * @param network the network, null until set
 * @param training how to train, null until set (or for a measurement)
 * @param probes what to measure, unique names
 * @param runtime precision, threads and device
 */
public record ExperimentSpec(String name, @Nullable DataSpec data, @Nullable TaskSpec task, @Nullable Objective objective,
    @Nullable Network network, @Nullable Training training, List<Probe> probes, RuntimeConfig runtime) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** Validates the name; copies the probes. */
  public ExperimentSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "experiment name must be 1-100 letters, digits, '.', '_' or '-' (not starting with '.', '_' or '-'), got '"
              + name + "'");
    }
    probes = List.copyOf(probes);
    Objects.requireNonNull(runtime, "runtime");
  }

  /** An empty spec named {@code name}. */
  static ExperimentSpec named(String name) {
    return new ExperimentSpec(name, null, null, null, null, null, List.of(), RuntimeConfig.defaults());
  }

  ExperimentSpec withName(String n) {
    return new ExperimentSpec(n, data, task, objective, network, training, probes, runtime);
  }

  ExperimentSpec withData(DataSpec d) {
    return new ExperimentSpec(name, d, task, objective, network, training, probes, runtime);
  }

  ExperimentSpec withTask(TaskSpec t) {
    return new ExperimentSpec(name, data, t, objective, network, training, probes, runtime);
  }

  ExperimentSpec withObjective(Objective o) {
    return new ExperimentSpec(name, data, task, o, network, training, probes, runtime);
  }

  ExperimentSpec withNetwork(Network n) {
    return new ExperimentSpec(name, data, task, objective, n, training, probes, runtime);
  }

  ExperimentSpec withTraining(Training t) {
    return new ExperimentSpec(name, data, task, objective, network, t, probes, runtime);
  }

  ExperimentSpec withProbes(List<Probe> p) {
    return new ExperimentSpec(name, data, task, objective, network, training, p, runtime);
  }

  ExperimentSpec withRuntime(RuntimeConfig r) {
    return new ExperimentSpec(name, data, task, objective, network, training, probes, r);
  }

  /** Width of one input sample (the data's dimension, or the product of the task's input shape). */
  public int inputDim() {
    if (data != null) {
      return data.dim();
    }
    return Objects.requireNonNull(task, "task").inputShape().stream().reduce(1, (a, b) -> a * b);
  }

  /** The objective: as set, else squared error for regression targets, cross-entropy for classes, reconstruction otherwise. */
  public Objective effectiveObjective() {
    if (objective != null) {
      return objective;
    }
    if (task != null && task.targetWidth() > 0) {
      return Objective.summedSquaredError();
    }
    return task != null && task.classes() > 0 ? Objective.crossEntropy() : Objective.reconstruction();
  }

  /**
   * Checks the whole spec without native work: parts present, data and network widths agreeing,
   * the training's kind fitting the data or task, batch size within the data, probes fitting the
   * data and the network's probe points, unique probe names.
   *
   * @param trains whether the run trains (a measurement needs no training)
   */
  public void validate(boolean trains) {
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
      checkTask(dim, trains);
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
  }

  private void checkTask(int dim, boolean trains) {
    TaskSpec t = Objects.requireNonNull(task);
    Network n = Objects.requireNonNull(network);
    if (trains && !(training instanceof Training.Sgd)) {
      throw new IllegalArgumentException("training: task '" + t.name() + "' trains by mini-batch SGD, Training.sgd(η), "
          + "not Training." + training.getClass().getSimpleName() + ", which trains a linear autoencoder on a data(...) set");
    }
    Objective o = effectiveObjective();
    if (o instanceof Objective.SquaredError) {
      if (t.targetWidth() < 1) {
        throw new IllegalArgumentException("task '" + t.name() + "' has no regression targets: use "
            + (t.classes() > 0 ? "Objective.crossEntropy()" : "Objective.reconstruction()"));
      }
      if (n.outputWidth(dim) != t.targetWidth()) {
        throw new IllegalArgumentException("network output width " + n.outputWidth(dim)
            + " does not match the task's target width " + t.targetWidth());
      }
      if (trains && t instanceof RegressionTask r && ((Training.Sgd) training).batchSize() > r.items()) {
        throw new IllegalArgumentException("batch must be in [1, " + r.items() + "] (the task's items; "
            + r.items() + " is the full batch), got " + ((Training.Sgd) training).batchSize());
      }
    } else if (o instanceof Objective.CrossEntropy) {
      if (t.classes() < 1) {
        throw new IllegalArgumentException("task '" + t.name() + "' has no classes: use Objective.reconstruction()");
      }
      if (n.outputWidth(dim) != t.classes()) {
        throw new IllegalArgumentException("network output width " + n.outputWidth(dim) + " does not match the task's "
            + t.classes() + " classes");
      }
    } else if (n.outputWidth(dim) != dim) {
      throw new IllegalArgumentException(
          "reconstruction needs the network's output width to equal the input width " + dim + ", got " + n.outputWidth(dim));
    }
  }

  /**
   * The canonical record of this spec, as {@code run.json}'s {@code config}: {@code data} or
   * {@code task} (+ {@code objective}), {@code network}, {@code training}, {@code probes},
   * {@code runtime}, each as typed JSON (closed lists of type names) that {@link Experiment#from}
   * reads back.
   */
  public Map<String, JsonNode> settings() {
    Map<String, JsonNode> c = new LinkedHashMap<>();
    if (data != null) {
      // a data set built from a spec is recorded as that spec, which builds it again
      c.put("data", Json.spec(data instanceof Dataset built && built.recipe().isPresent() ? built.recipe().get() : data));
    }
    if (task != null) {
      c.put("task", Json.spec(task));
      c.put("objective", Json.spec(effectiveObjective()));
    }
    c.put("network", Json.spec(Objects.requireNonNull(network, "network")));
    c.put("training", training == null ? Json.describe("none: measured as initialised") : Json.spec(training));
    c.put("probes", Json.spec(probes));
    c.put("runtime", Json.spec(runtime));
    return c;
  }

  /**
   * The spec recorded as {@code settings} (a {@code run.json}'s {@code config}) under {@code name}:
   * every part read back by its closed list of type names, each record's validation run.
   *
   * @throws IllegalArgumentException naming the setting that cannot be read (a data set built by
   *     hand, an unknown type name, a value out of range)
   */
  public static ExperimentSpec fromSettings(String name, Map<String, JsonNode> settings) {
    ExperimentSpec spec = named(name);
    JsonNode data = settings.get("data");
    if (data != null) {
      spec = spec.withData(Json.readSpec(data, DataSpec.class));
    }
    JsonNode task = settings.get("task");
    if (task != null) {
      spec = spec.withTask(Json.readSpec(task, TaskSpec.class)).withObjective(Json.readSpec(settings.get("objective"), Objective.class));
    }
    JsonNode network = settings.get("network");
    if (network == null) {
      throw new IllegalArgumentException("config.network is missing: this record holds no experiment spec");
    }
    spec = spec.withNetwork(Json.readSpec(network, Network.class));
    JsonNode training = settings.get("training");
    if (training != null && training.isObject()) {
      spec = spec.withTraining(Json.readSpec(training, Training.class));
    }
    List<Probe> probes = new java.util.ArrayList<>();
    JsonNode p = settings.get("probes");
    if (p != null) {
      p.forEach(node -> probes.add(Json.readSpec(node, Probe.class)));
    }
    JsonNode runtime = settings.get("runtime");
    return spec.withProbes(probes).withRuntime(runtime == null ? RuntimeConfig.defaults() : Json.readSpec(runtime, RuntimeConfig.class));
  }

  /**
   * SHA-256 of {@link #settings()} without {@code training.checkpointEvery} (how often a run is
   * saved does not change what it computes): equal hashes, the same computation.
   */
  public String hash() {
    return HASHES.asMap().computeIfAbsent(this,
        spec -> Hashing.sha256().hashString(Json.write(spec.identity()), StandardCharsets.UTF_8).toString());
  }

  /** Hashes of the specs in use, by identity (a spec is immutable; a sweep and a checkpoint ask again and again). */
  private static final Cache<ExperimentSpec, String> HASHES = CacheBuilder.newBuilder().weakKeys().build();

  /** {@link #settings()} without the keys that do not change what a run computes. */
  Map<String, JsonNode> identity() {
    Map<String, JsonNode> c = new LinkedHashMap<>(settings());
    JsonNode t = c.get("training");
    if (t != null && t.isObject()) {
      c.put("training", ((ObjectNode) t.deepCopy()).without("checkpointEvery"));
    }
    return c;
  }
}
