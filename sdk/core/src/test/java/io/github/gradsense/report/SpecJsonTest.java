package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.reflect.ClassPath;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.DataSpec;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.GaussianData;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.ImageTransform;
import io.github.gradsense.data.LabelNoise;
import io.github.gradsense.data.OrientationPrior;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.data.TaskSpec;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.network.AlignedBalancedInit;
import io.github.gradsense.network.FixedInit;
import io.github.gradsense.network.Layer;
import io.github.gradsense.network.ModeAlignedInit;
import io.github.gradsense.network.Network;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.NormalInit;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.network.SavedModelNetwork;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.network.Torchvision;
import io.github.gradsense.network.TorchvisionNetwork;
import io.github.gradsense.network.UniformInit;
import io.github.gradsense.network.WeightInit;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.probe.Schedule;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.StimulusFamily;
import io.github.gradsense.train.LearningRateSchedule;
import io.github.gradsense.train.Objective;
import io.github.gradsense.train.Training;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

/**
 * A spec round-trips through its JSON ({@link Json#spec} then {@link Json#readSpec}), so any run can
 * be re-run from its {@code run.json}. Every abstract spec type writes a {@code "type"} from a closed
 * list of short names, never a class name; records are read through their canonical constructors,
 * so their validation runs; every error names the JSON path of the bad value. What cannot be
 * re-created from numbers in a file (a data set built by hand, weights given as numbers, code) is
 * written as a description and refused on read, with a message that says why and what to use.
 *
 */
class SpecJsonTest {
  private static final Path FOLDER = Path.of("images", "kodak");

  /** The abstract spec types, each with its closed list of names. */
  private static final List<Class<?>> SPEC_TYPES = List.of(DataSpec.class, TaskSpec.class, ImageSource.class,
      ImageTransform.class, Network.class, Layer.class, TorchvisionNetwork.Weights.class, WeightInit.class, Probe.class,
      Schedule.class, Objective.class, StimulusFamily.class, Training.class);

  /** One representative of every concrete spec type that round-trips, built by the public factories, by type name. */
  private static Map<String, Object> representatives() {
    Map<String, Object> r = new LinkedHashMap<>();
    // data
    r.put("gaussian", Data.gaussian(Spectrum.powerLaw(16, 1.0, 1.0)).withSamples(2_000).withSeed(3));
    r.put("natural-patches", Data.naturalPatches(ImageSource.synthetic()).patchSize(16).count(1_000).seed(5));
    // tasks
    r.put("orientation", Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL)
        .noise(LabelNoise.balanced(Tasks.orientationBins().bins(), OrientationPrior.COMMON_VERTICAL, 1.3, 0.15)));
    r.put("which-image", Tasks.whichImage(ImageSource.folder(FOLDER)).crop(32).flips(true));
    r.put("teacher", Tasks.teacher(4, 6, 3.0, 1.5).seed(7));
    r.put("hierarchy", Tasks.hierarchy());
    // image sources and transforms
    r.put("folder", ImageSource.folder(FOLDER).withMaxPixels(1_000_000));
    r.put("synthetic-scenes", ImageSource.synthetic().withCount(8).withSeed(2).withBlur(0.5));
    r.put("transformed", ImageSource.synthetic().rotated(45));
    r.put("rotate", new ImageTransform.Rotate(-30));
    r.put("hue-shift", new ImageTransform.HueShift(90));
    // networks, layers, weights, initialisers
    r.put("linear-autoencoder", Networks.linearAutoencoder().tied().factors(3));
    r.put("linear-chain", Networks.linearChain(16, 8, 4));
    r.put("pathways", Networks.pathways(15).pathways(2).depth(3).relu());
    r.put("sequential", Networks.sequential(16, 16, 3).conv(4, 3).batchNorm().relu().maxPool(2).avgPool(2).flatten()
        .dense(10).tanh());
    r.put("torchvision", Torchvision.alexnet().imageSize(64));
    r.put("saved-model", new SavedModelNetwork(Path.of("models", "v1"), "serve", "serving_default",
        SavedModelNetwork.Method.EXACT, Double.NaN, new SavedModelNetwork.Layout("x", "serving_default_x:0",
            List.of(-1L, 32L, 32L, 3L), false, List.of(new SavedModelNetwork.Point("conv1", "model/conv1/Relu:0", 1, null)))));
    r.put("conv2d", new Layer.Conv2d(8, 5, 2, Layer.Padding.SAME, false));
    r.put("dense", new Layer.Dense(10, true));
    r.put("pool", new Layer.Pool(true, 3, 2, Layer.Padding.VALID));
    r.put("activation", new Layer.Activation(Layer.Activation.Function.RELU));
    r.put("batch-norm", new Layer.BatchNorm(1e-5));
    r.put("flatten", new Layer.Flatten());
    r.put("from-file", new TorchvisionNetwork.FromFile(Path.of("weights", "alexnet.pt")));
    r.put("untrained", new TorchvisionNetwork.Untrained(11));
    r.put("shuffled", new TorchvisionNetwork.Shuffled(new TorchvisionNetwork.FromFile(Path.of("w.pt")), 4));
    r.put("uniform", new UniformInit(0.01));
    r.put("normal", new NormalInit(0.1));
    r.put("aligned-balanced", new AlignedBalancedInit(1e-3));
    // probes and schedules
    r.put("accuracy", Probes.accuracy(0, 1, 2).samples(64).every(10));
    r.put("loss", Probes.loss().every(5));
    r.put("mode-strength", Probes.modeStrength(4).on(Schedule.at(0, 10, 100)));
    r.put("pathway-share", Probes.pathwayShare().withMatrices());
    r.put("pc-sensitivity", Probes.pcSensitivity(8).finiteDifference(1e-3));
    r.put("proportion-learned", Probes.proportionLearned(4).every(7));
    r.put("sensitivity", Probes.sensitivity(Stimuli.gabor().size(16)).at("output").logSpaced(20));
    r.put("singular-values", Probes.singularValues(10).clusterTolerance(0.05).every(100));
    r.put("every", Schedule.every(25));
    r.put("log-spaced", Schedule.logSpaced(50));
    r.put("linear", Schedule.linear(12));
    r.put("at", Schedule.at(0, 3, 1_000));
    // trainings
    r.put("sgd", Training.sgd(0.01).batch(128).steps(4000).momentum(0.9).weightDecay(5e-4).seed(2)
        .schedule(LearningRateSchedule.stepwise(1000, 0.1)).checkpointEvery(500));
    r.put("mini-batch", Training.miniBatch(1.0).batch(4096).epochs(20).outputNoise(0.05)
        .noiseRealisation(Training.NoiseRealisation.PER_PIXEL).seed(3));
    r.put("expected-gradient", Training.expectedGradient(0.5).steps(3000).pcBasis(false).seed(1));
    // objectives
    r.put("cross-entropy", Objective.crossEntropy());
    r.put("reconstruction", Objective.reconstruction());
    r.put("squared-error", Objective.summedSquaredError());
    // stimulus families
    r.put("gabor", Stimuli.gabor().orientations(36).phases(4));
    r.put("grating", Stimuli.grating().frequencies(8));
    r.put("uniform-hue", Stimuli.uniformHue().hues(24));
    r.put("rotated-grating", Stimuli.rotatedGrating().size(16));
    return r;
  }

  /** The types whose records cannot be re-created from JSON, each with an instance. */
  private static Map<String, Object> described() {
    Map<String, Object> r = new LinkedHashMap<>();
    Dataset built = Data.gaussian(Spectrum.of(2, 1)).build(RuntimeConfig.defaults());
    r.put("dataset", new Dataset("by-hand", null, built.covariance(), built.pca(), List.of(), null));
    r.put("fixed", new FixedInit(List.of(Matrix.identity(3), Matrix.zeros(2, 3))));
    r.put("mode-aligned", ModeAlignedInit.of(Tasks.hierarchy(), 1e-4));
    r.put("custom", Stimuli.custom("bar", "position", "px", Stimuli.values(4, 12, 5), 1, 16, 16, 1,
        (tf, theta) -> tf.ones(tf.constant(new long[] {5, 16, 16, 1}), TFloat64.class)));
    return r;
  }

  @Test
  void every_concrete_spec_type_round_trips_through_its_json_text_with_its_type_name_and_no_class_name() throws Exception {
    for (Map.Entry<String, Object> e : representatives().entrySet()) {
      Object spec = e.getValue();
      Class<?> abstractType = abstractTypeOf(spec.getClass());
      JsonNode json = Json.spec(spec);
      String text = json.toString();
      assertThat(text).as(e.getKey()).startsWith("{\"type\":\"" + e.getKey() + "\"").doesNotContain("io.github", "@class");
      Object back = Json.readSpec(Json.mapper().readTree(text), abstractType);
      assertThat(back).as(text).isEqualTo(spec);
      assertThat(Json.spec(back)).as("its JSON again").isEqualTo(json);
    }
    assertThat(representatives().keySet()).as("one representative per listed type that can be re-run")
        .containsExactlyInAnyOrderElementsOf(allTypeNames().stream().filter(n -> !described().containsKey(n)).toList());
  }

  @Test
  void records_that_nest_specs_round_trip_with_the_nested_types_named() {
    // a network carrying an initialiser, a probe carrying a schedule and a stimulus family, data on transformed images
    Network net = Networks.linearAutoencoder().tied().init(new NormalInit(0.02));
    JsonNode json = Json.spec(net);
    assertThat(json.get("init").get("type").asText()).isEqualTo("normal");
    assertThat(Json.readSpec(json, Network.class)).isEqualTo(net);

    Probe p = Probes.sensitivity(Stimuli.uniformHue()).every(3);
    assertThat(Json.spec(p).get("family").get("type").asText()).isEqualTo("uniform-hue");
    assertThat(Json.spec(p).get("schedule").get("type").asText()).isEqualTo("every");

    DataSpec d = Data.naturalPatches(ImageSource.folder(FOLDER).transformed(new ImageTransform.HueShift(60)));
    JsonNode dj = Json.spec(d);
    assertThat(dj.at("/source/transform/type").asText()).isEqualTo("hue-shift");
    assertThat(dj.at("/source/source/folder").asText()).as("paths as plain strings").isEqualTo(FOLDER.toString());
    assertThat(Json.readSpec(dj, DataSpec.class)).isEqualTo(d);

    // the plain records of an experiment round-trip too
    assertThat(Json.readSpec(Json.spec(RuntimeConfig.defaults()), RuntimeConfig.class)).isEqualTo(RuntimeConfig.defaults());
    LearningRateSchedule lr = LearningRateSchedule.stepwise(100, 0.5);
    assertThat(Json.readSpec(Json.spec(lr), LearningRateSchedule.class)).isEqualTo(lr);
    List<Probe> probes = List.of(Probes.loss(), Probes.singularValues(3));
    assertThat(Json.spec(probes).get(1).get("type").asText()).isEqualTo("singular-values");
  }

  @Test
  void the_json_is_canonical_type_first_then_properties_sorted_so_its_hash_is_stable() {
    GaussianData g = Data.gaussian(Spectrum.powerLaw(4, 1.0, 1.0));
    JsonNode json = Json.spec(g);
    assertThat(names(json)).containsExactly("type", "randomBasis", "samples", "seed", "spectrum");
    assertThat(names(Json.spec(Networks.linearAutoencoder()))).containsExactly("type", "factors", "hiddenWidth", "init",
        "tiedWeights");
    assertThat(Json.spec(g).toString()).isEqualTo(Json.spec(Data.gaussian(Spectrum.powerLaw(4, 1.0, 1.0))).toString());
    assertThat(Json.spec(g).toString()).isNotEqualTo(Json.spec(g.withSeed(2)).toString());
  }

  @Test
  void an_unknown_type_name_fails_naming_the_field_and_the_allowed_names() {
    ObjectNode json = (ObjectNode) Json.spec(Networks.linearChain(4, 2));
    json.put("type", "resnet");
    assertThatThrownBy(() -> Json.readSpec(json, Network.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("network.type 'resnet'? expected one of: linear-autoencoder, linear-chain, pathways, sequential,"
            + " torchvision, saved-model");

    ObjectNode nested = (ObjectNode) Json.spec(Networks.linearChain(4, 2));
    ((ObjectNode) nested.get("init")).put("type", "xavier");
    assertThatThrownBy(() -> Json.readSpec(nested, Network.class))
        .hasMessage("network.init.type 'xavier'? expected one of: uniform, normal, aligned-balanced, mode-aligned, fixed");

    ObjectNode untyped = (ObjectNode) Json.spec(Probes.loss());
    untyped.remove("type");
    assertThatThrownBy(() -> Json.readSpec(untyped, Probe.class)).hasMessageStartingWith("probe.type is missing; expected one of: accuracy, loss,");

    ObjectNode badEnum = (ObjectNode) Json.spec(Networks.pathways(4));
    badEnum.put("activation", "SIGMOID");
    assertThatThrownBy(() -> Json.readSpec(badEnum, Network.class))
        .hasMessage("network.activation 'SIGMOID'? expected one of: LINEAR, RELU, TANH");
  }

  @Test
  void a_missing_required_field_fails_naming_it() {
    ObjectNode json = (ObjectNode) Json.spec(Data.gaussian(Spectrum.powerLaw(4, 1.0, 1.0)));
    json.remove("samples");
    assertThatThrownBy(() -> Json.readSpec(json, DataSpec.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data.samples is missing");

    ObjectNode nested = (ObjectNode) Json.spec(Probes.sensitivity(Stimuli.gabor()).every(3));
    ((ObjectNode) nested.get("schedule")).remove("n");
    assertThatThrownBy(() -> Json.readSpec(nested, Probe.class)).hasMessage("probe.schedule.n is missing");

    ObjectNode nullSpectrum = (ObjectNode) Json.spec(Data.gaussian(Spectrum.powerLaw(4, 1.0, 1.0)));
    nullSpectrum.putNull("spectrum");
    assertThatThrownBy(() -> Json.readSpec(nullSpectrum, DataSpec.class)).hasMessage("data.spectrum must not be null");
  }

  @Test
  void an_out_of_range_value_fails_with_the_records_own_validation_message() {
    ObjectNode json = (ObjectNode) Json.spec(Data.gaussian(Spectrum.powerLaw(4, 1.0, 1.0)));
    json.put("samples", -1);
    assertThatThrownBy(() -> Json.readSpec(json, DataSpec.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("data: samples must be in [0, 100000000], got -1");

    ObjectNode schedule = (ObjectNode) Json.spec(Probes.loss().every(10));
    ((ObjectNode) schedule.get("schedule")).put("n", 0);
    assertThatThrownBy(() -> Json.readSpec(schedule, Probe.class)).hasMessageStartingWith("probe.schedule: every must be in [1,");

    ObjectNode spectrum = (ObjectNode) Json.spec(Data.gaussian(Spectrum.of(2, 1)));
    ((ObjectNode) spectrum.get("spectrum")).putArray("eigenvalues").add(1.0).add(2.0);
    assertThatThrownBy(() -> Json.readSpec(spectrum, DataSpec.class))
        .hasMessage("data.spectrum: eigenvalues must be non-increasing, but eigenvalues[1] = 2.0 > eigenvalues[0] = 1.0");
  }

  @Test
  void a_misspelt_property_fails_naming_it_and_the_known_ones() {
    ObjectNode json = (ObjectNode) Json.spec(Networks.linearAutoencoder());
    json.set("tiedWeight", json.remove("tiedWeights"));
    assertThatThrownBy(() -> Json.readSpec(json, Network.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("network: unknown property 'tiedWeight'; expected one of: factors, hiddenWidth, init, tiedWeights");

    ObjectNode layer = (ObjectNode) Json.spec(Networks.sequential(8, 8, 1).conv(2, 3).flatten());
    ((ObjectNode) layer.get("layers").get(0)).put("filter", 2);
    assertThatThrownBy(() -> Json.readSpec(layer, Network.class))
        .hasMessage("network.layers[0]: unknown property 'filter'; expected one of: bias, filters, kernel, padding, stride");
  }

  @Test
  void what_cannot_be_re_run_is_written_as_a_description_and_refused_on_read_saying_why() {
    Map<String, String> why = Map.of(
        "dataset", "data: a data set built by hand (new Dataset(…)) cannot be re-run from run.json; give the experiment a"
            + " DataSpec such as Data.gaussian(…) (type gaussian) or Data.naturalPatches(…) (type natural-patches)",
        "fixed", "weightInit: weights given as numbers (FixedInit) cannot be re-run from run.json; give the network a"
            + " WeightInit with a seed, such as uniform, normal or aligned-balanced",
        "mode-aligned", "weightInit: a start aligned with a task's modes (ModeAlignedInit) holds its singular vectors as"
            + " numbers and cannot be re-run from run.json; build it again with ModeAlignedInit.of(task, u0) from the run's task",
        "custom", "stimulusFamily: a stimulus family written as Java code (Stimuli.custom) cannot be re-run from"
            + " run.json; use one of: gabor, grating, uniform-hue, rotated-grating");
    for (Map.Entry<String, Object> e : described().entrySet()) {
      JsonNode json = Json.spec(e.getValue());
      assertThat(json.get("type").asText()).isEqualTo(e.getKey());
      assertThat(json.get("description").asText()).as(e.getKey()).isNotBlank();
      assertThat(json.toString()).doesNotContain("io.github");
      assertThatThrownBy(() -> Json.readSpec(json, abstractTypeOf(e.getValue().getClass())))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(why.get(e.getKey()));
    }
    assertThat(Json.spec(described().get("fixed")).get("description").asText()).isEqualTo("2 factors given as numbers: [3x3, 2x3]");

    // a data set built from a recipe points to it
    Dataset built = Data.gaussian(Spectrum.of(2, 1)).build(RuntimeConfig.defaults());
    JsonNode withRecipe = Json.spec(built);
    assertThat(Json.readSpec(withRecipe.get("recipe"), DataSpec.class)).isEqualTo(built.recipe().orElseThrow());
    assertThatThrownBy(() -> Json.readSpec(withRecipe, DataSpec.class)).hasMessage("data: a built data set (Dataset)"
        + " cannot be re-run from run.json; its recipe can: read the 'recipe' property (type gaussian) as the DataSpec");

    // a Sequential carrying trained values keeps their names and shapes, not the numbers
    Sequential trained = Networks.sequential(2).dense(3)
        .withParameters(List.of(new ParameterValues("dense1_W", new long[] {2, 3}, new double[6])));
    JsonNode sj = Json.spec(trained);
    assertThat(sj.at("/parameters/0/description").asText()).isEqualTo("6 values given in memory");
    assertThat(sj.at("/parameters/0/shape").toString()).isEqualTo("[2,3]");
    assertThat(sj.at("/parameters/0/values").isMissingNode()).isTrue();
    assertThatThrownBy(() -> Json.readSpec(sj, Network.class)).hasMessage("network.parameters[0]: parameter values given in"
        + " memory (Sequential.withParameters) cannot be re-run from run.json; give the network without them (initialised"
        + " by its initializer and initScale) or a torchvision network with weights from a file");
  }

  @Test
  void a_lambda_is_written_as_unlisted_code_never_by_its_class_name_and_refused_on_read() {
    WeightInit zeros = r -> Matrix.zeros(r.rows(), r.cols());
    Network net = Networks.linearAutoencoder().init(zeros);
    for (JsonNode json : List.of(Json.spec(net), Json.describe(net))) {
      assertThat(json.get("init").get("type").asText()).isEqualTo("unlisted");
      assertThat(json.get("init").get("description").asText()).contains("WeightInit given as Java code");
      assertThat(json.toString()).doesNotContain("Lambda", "SpecJsonTest", "io.github");
    }
    assertThatThrownBy(() -> Json.readSpec(Json.spec(net), Network.class)).hasMessage("network.init: a value outside the"
        + " closed list of WeightInit types (a lambda or a caller's own class) cannot be re-created from JSON; expected"
        + " one of: uniform, normal, aligned-balanced, mode-aligned, fixed");
  }

  @Test
  void describe_still_writes_records_by_their_components_now_with_their_type_names() {
    JsonNode d = Json.describe(Networks.linearChain(4, 2));
    assertThat(d.get("type").asText()).isEqualTo("linear-chain");
    assertThat(d.get("widths").toString()).isEqualTo("[4,2]");
    assertThat(Json.describe(Map.of("a", 1)).get("a").asInt()).isEqualTo(1);
  }

  /**
   * Completeness: every implementation of each abstract spec type has a name in its
   * {@code @JsonSubTypes}. Sealed types are read off {@link Class#getPermittedSubclasses()}; the
   * others (DataSpec, TaskSpec, Network, WeightInit, Probe, StimulusFamily) by scanning gradsense's
   * main classes for public or package-private concrete implementations (a private one, such as the
   * sub-grid family inside {@code experiment.LayerProbe}, cannot be named from another package and is
   * written as {@code "unlisted"}).
   */
  @Test
  void every_implementation_of_each_abstract_spec_type_is_in_its_closed_list() throws Exception {
    List<Class<?>> classes = mainClasses();
    for (Class<?> type : SPEC_TYPES) {
      Set<String> implementations = new TreeSet<>();
      if (type.isSealed()) {
        collectPermitted(type, implementations);
      } else {
        for (Class<?> c : classes) {
          if (type.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
              && !Modifier.isPrivate(c.getModifiers()) && !c.isAnonymousClass() && !c.isLocalClass()) {
            implementations.add(c.getName());
          }
        }
      }
      assertThat(implementations).as(type.getSimpleName()).isNotEmpty();
      Set<String> listed = Json.typeNames(type).stream().map(n -> listedClass(type, n).getName())
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(listed).as("the closed list of %s", type.getSimpleName()).isEqualTo(implementations);
      assertThat(Json.typeNames(type)).as("names of %s are unique", type.getSimpleName()).doesNotHaveDuplicates();
    }
  }

  private static void collectPermitted(Class<?> type, Set<String> out) {
    for (Class<?> c : type.getPermittedSubclasses()) {
      if (c.isInterface() || c.isSealed()) {
        collectPermitted(c, out);
      } else {
        out.add(c.getName());
      }
    }
  }

  private static Class<?> listedClass(Class<?> type, String name) {
    for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
        : type.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
      if (t.name().equals(name)) {
        return t.value();
      }
    }
    throw new AssertionError(name);
  }

  private static List<Class<?>> mainClasses() throws Exception {
    List<Class<?>> out = new ArrayList<>();
    ClassLoader loader = SpecJsonTest.class.getClassLoader();
    for (ClassPath.ClassInfo info : ClassPath.from(loader).getAllClasses()) {
      if (!info.getPackageName().startsWith("io.github.gradsense")) {
        continue;
      }
      Class<?> c = Class.forName(info.getName(), false, loader);
      var source = c.getProtectionDomain().getCodeSource();
      if (source != null && !source.getLocation().getPath().contains("test-classes")) {
        out.add(c);
      }
    }
    return out;
  }

  private static Set<String> allTypeNames() {
    Set<String> all = new TreeSet<>();
    for (Class<?> t : SPEC_TYPES) {
      all.addAll(Json.typeNames(t));
    }
    return all;
  }

  private static Class<?> abstractTypeOf(Class<?> c) {
    for (Class<?> t : SPEC_TYPES) {
      if (t.isAssignableFrom(c)) {
        return t;
      }
    }
    throw new AssertionError(c + " is no spec type");
  }

  private static List<String> names(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
