package io.github.gradsense.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A template experiment and axes, expanded into cells (every combination of the axes' values, the
 * first axis slowest). Each cell is an experiment whose folder is named by its spec's hash
 * ({@link ExperimentSpec#hash()}), so a sweep run again runs only the cells it has not finished,
 * and a changed cell is a new cell. A cell is run into a hidden folder and moved into place when
 * finished; {@code sweep.csv} then holds every probe series of every cell in tidy form, the cell's
 * settings as its first columns.
 *
 * <pre>{@code
 * SweepResult r = Sweep.of(Experiment.named("c1").data(d).network(n).train(Training.expectedGradient(0.5)).probe(p))
 *     .overSeeds(1, 2, 3)
 *     .over("learningRate", (e, lr) -> e.training(t -> t.learningRate(lr)), List.of(0.25, 0.5))
 *     .run(Path.of("out/sweep"));
 * }</pre>
 */
public final class Sweep {
  private static final Pattern AXIS = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final List<String> TABLE = List.of("cell", "series", "step", "epoch", "point", "column", "value");
  /** The folder, under a sweep's output folder, that holds one folder per finished cell. */
  public static final String CELLS = "cells";
  /** The tidy table of every cell's series. */
  public static final String TABLE_FILE = "sweep.csv";
  /** Written last into a cell's folder: its settings and spec hash. */
  public static final String CELL_FILE = "cell.json";

  private final Experiment template;
  private final List<Axis> axes;

  /** One axis: its name and its levels, in order. */
  private record Axis(String name, List<Level> levels) {}

  /** One value of an axis: its label in the table and how it changes an experiment. */
  private record Level(String label, UnaryOperator<Experiment> change) {}

  private Sweep(Experiment template, List<Axis> axes) {
    this.template = template;
    this.axes = List.copyOf(axes);
  }

  /** A sweep of {@code template} with no axes yet (one cell: the template). */
  public static Sweep of(Experiment template) {
    return new Sweep(Objects.requireNonNull(template, "template"), List.of());
  }

  /**
   * Adds an axis named {@code axis} (a letter, then letters, digits or '_'; up to 64) over
   * {@code values}, each applied to the experiment by {@code change}; its label in the table is
   * {@code String.valueOf(value)}.
   */
  public <V> Sweep over(String axis, BiFunction<Experiment, V, Experiment> change, List<V> values) {
    Objects.requireNonNull(change, "change");
    if (axis == null || !AXIS.matcher(axis).matches() || TABLE.contains(axis)) {
      throw new IllegalArgumentException("axis name must be a letter then letters, digits or '_' (1-64), and none of "
          + TABLE + ", got '" + axis + "'");
    }
    if (axes.stream().anyMatch(a -> a.name().equals(axis))) {
      throw new IllegalArgumentException("the sweep already has an axis '" + axis + "'");
    }
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("axis '" + axis + "' needs at least one value");
    }
    List<Level> levels = new ArrayList<>();
    for (V v : values) {
      Objects.requireNonNull(v, "a value of axis '" + axis + "'");
      String label = v instanceof JsonNode j && j.isValueNode() ? j.asText() : String.valueOf(v);
      levels.add(new Level(label, e -> Objects.requireNonNull(change.apply(e, v), "the changed experiment")));
    }
    List<Axis> a = new ArrayList<>(axes);
    a.add(new Axis(axis, levels));
    return new Sweep(template, a);
  }

  /**
   * Adds an axis named {@code axis} over a setting of the spec given by its path in {@code run.json}'s
   * {@code config} ({@link ExperimentSpec#settings()}), e.g. {@code "training.learningRate"},
   * {@code "network.depth"}, {@code "data.source.transform.degrees"}: each value (a number, string,
   * boolean or a spec record) replaces that setting, and the spec is read back, so every record
   * validates it. <pre>{@code
   * sweep.over("depth", "network.depth", List.of(2, 3, 4, 7));
   * }</pre>
   */
  public Sweep over(String axis, String setting, List<?> values) {
    Objects.requireNonNull(setting, "setting");
    if (values != null && !values.isEmpty() && template.spec().network() != null) {
      try {
        withSetting(template.spec(), setting, values.get(0));     // a bad path or value is named now, not at cells()
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("axis '" + axis + "': " + ex.getMessage(), ex);
      }
    }
    return over(axis, (Experiment e, Object v) -> e.withSpec(withSetting(e.spec(), setting, v)), List.copyOf(values));
  }

  private static ExperimentSpec withSetting(ExperimentSpec spec, String path, Object value) {
    Map<String, JsonNode> settings = new LinkedHashMap<>();
    spec.settings().forEach((k, v) -> settings.put(k, v.deepCopy()));
    String[] keys = path.split("\\.");
    JsonNode node = settings.get(keys[0]);
    if (node == null) {
      throw new IllegalArgumentException("setting '" + path + "': no '" + keys[0] + "' in the spec; it has " + settings.keySet());
    }
    JsonNode newValue = value instanceof JsonNode j ? j
        : value instanceof Record ? Json.spec(value) : Json.mapper().valueToTree(value);
    if (keys.length == 1) {
      settings.put(keys[0], newValue);
    } else {
      for (int i = 1; i < keys.length - 1; i++) {
        JsonNode next = node.get(keys[i]);
        if (next == null || !next.isObject()) {
          throw new IllegalArgumentException("setting '" + path + "': no object '" + keys[i] + "' in " + node);
        }
        node = next;
      }
      String last = keys[keys.length - 1];
      if (!node.isObject() || !node.has(last)) {
        throw new IllegalArgumentException("setting '" + path + "': no '" + last + "' there; it has "
            + (node.isObject() ? ImmutableList.copyOf(node.fieldNames()) : node));
      }
      ((ObjectNode) node).set(last, newValue);
    }
    return ExperimentSpec.fromSettings(spec.name(), settings);
  }

  /**
   * A sweep declared as JSON (what {@code gradsense sweep FILE.json} reads): {@code name}, a
   * {@code template} (a spec as {@code run.json}'s {@code config} records it: copy one from any run)
   * and {@code axes}, each {@code {"name": …, "setting": "training.seed", "values": […]}}. <pre>{@code
   * {"name": "lr", "template": {…}, "axes": [{"name": "learningRate", "setting": "training.learningRate", "values": [0.25, 0.5]}]}
   * }</pre>
   */
  public static Sweep fromJson(JsonNode file) {
    String name = file.path("name").asText("sweep");
    JsonNode template = file.get("template");
    if (template == null || !template.isObject()) {
      throw new IllegalArgumentException("sweep file: 'template' (a spec, as run.json's config) is missing");
    }
    Map<String, JsonNode> settings = new LinkedHashMap<>();
    template.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue()));
    Sweep sweep = of(Experiment.of(ExperimentSpec.fromSettings(name, settings)));
    int i = 0;
    for (JsonNode axis : file.path("axes")) {
      String where = "sweep file: axes[" + i++ + "]";
      if (!axis.path("name").isTextual() || !axis.path("setting").isTextual() || !axis.path("values").isArray()) {
        throw new IllegalArgumentException(where + " needs a 'name', a 'setting' (a path such as training.seed) and 'values'");
      }
      List<JsonNode> values = new ArrayList<>();
      axis.get("values").forEach(values::add);
      sweep = sweep.over(axis.get("name").asText(), axis.get("setting").asText(), values);
    }
    return sweep;
  }

  /** Adds the axis {@code seed}: the training's seed (initial weights, batches, noise). */
  public Sweep overSeeds(long... seeds) {
    List<Long> values = new ArrayList<>();
    for (long s : seeds) {
      values.add(s);
    }
    return over("seed", (Experiment e, Long s) -> e.training((Training t) -> t.seed(s)), values);
  }

  /**
   * The cells: every combination of the axes' values, the first axis slowest. Two combinations
   * that make the same experiment are an error naming both.
   */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    expand(0, new LinkedHashMap<>(), template, cells);
    Map<String, Cell> seen = new HashMap<>();
    for (Cell c : cells) {
      Cell before = seen.putIfAbsent(c.id(), c);
      if (before != null) {
        throw new IllegalArgumentException("cells " + before.settings() + " and " + c.settings()
            + " are the same experiment (spec hash " + c.id() + "): an axis changes nothing");
      }
    }
    return cells;
  }

  private void expand(int axis, LinkedHashMap<String, String> settings, Experiment e, List<Cell> out) {
    if (axis == axes.size()) {
      e.validate();
      String name = e.name() + "-" + String.join("-", settings.values()).replaceAll("[^A-Za-z0-9._-]", "_");
      out.add(Cell.of(settings, e.renamed(name.length() > 100 ? name.substring(0, 100) : name)));
      return;
    }
    for (Level level : axes.get(axis).levels()) {
      LinkedHashMap<String, String> s = new LinkedHashMap<>(settings);
      s.put(axes.get(axis).name(), level.label());
      expand(axis + 1, s, level.change().apply(e), out);
    }
  }

  /** The axes' names, in order: the table's first columns. */
  public List<String> axisNames() {
    return axes.stream().map(Axis::name).toList();
  }

  /** Runs the cells not yet finished under {@code out}, one at a time, and writes the table. */
  public SweepResult run(Path out) {
    return run(out, SweepRunner.local(1));
  }

  /**
   * Runs the cells not yet finished under {@code out} with {@code runner}, then writes
   * {@code sweep.csv}. A cell that fails leaves no folder (its hidden run folder is replaced next
   * time); the error names the cell.
   */
  public SweepResult run(Path out, SweepRunner runner) {
    List<Cell> cells = cells();
    Path dir = out.resolve(CELLS);
    removePartials(dir);
    List<Cell> todo = cells.stream().filter(c -> !finished(dir, c)).toList();
    runner.run(todo, dir);
    for (Cell c : cells) {
      if (!finished(dir, c)) {
        throw new IllegalStateException("cell " + c.settings() + " (" + c.id() + ") did not finish");
      }
    }
    Path table = writeTable(out, cells);
    return new SweepResult(out, cells, todo.size(), table);
  }

  /** Whether {@code c} has finished under {@code cells} (its folder holds {@code cell.json}). */
  public static boolean finished(Path cells, Cell c) {
    return Files.isRegularFile(cells.resolve(c.id()).resolve(CELL_FILE));
  }

  /**
   * Runs one cell into a hidden folder of its own ({@code cells/.<id>.<attempt>.partial}), writes its
   * {@code cell.json}, and moves the folder to {@code cells/<id>}: a cell's folder exists only once it
   * is complete. A cell already finished is not run again, and of two attempts running at once (a
   * retried or speculative task) the first to finish is kept. Runners call it, wherever they run.
   */
  public static void runCell(Cell cell, Path cells) {
    Path done = cells.resolve(cell.id());
    if (finished(cells, cell)) {
      return;
    }
    Path partial = cells.resolve("." + cell.id() + "." + UUID.randomUUID() + ".partial");
    try {
      Files.createDirectories(cells);
      cell.experiment().progress(false).run(Report.to(partial));
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("settings", cell.settings());
      record.put("specHash", cell.experiment().spec().hash());
      try (RunWriter w = RunWriter.open(partial)) {
        w.writeAtomically(CELL_FILE, Json.write(record));
      }
      try {
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, done);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        deleteTree(partial);                // another attempt finished this cell first
      }
    } catch (IOException e) {
      removeQuietly(partial);
      throw new UncheckedIOException("cell " + cell.settings() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      removeQuietly(partial);               // a failed attempt (a full disk, a diverged run) leaves nothing behind
      throw new IllegalStateException("cell " + cell.settings() + " (" + cell.id() + ") failed: " + e.getMessage(), e);
    }
  }

  private static void removeQuietly(Path partial) {
    try {
      deleteTree(partial);
    } catch (IOException | RuntimeException ignored) {
      // the failure being reported matters more; the next run removes what is left
    }
  }

  /** Removes the hidden folders that failed or killed attempts left under {@code cells}. */
  private static void removePartials(Path cells) {
    if (!Files.isDirectory(cells)) {
      return;
    }
    try (Stream<Path> list = Files.list(cells)) {
      for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
        deleteTree(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear unfinished cells in " + cells.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private Path writeTable(Path out, List<Cell> cells) {
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>(axisNames());
    header.addAll(TABLE);
    sb.append(String.join(",", header)).append('\n');
    for (Cell c : cells) {
      String prefix = String.join(",", c.settings().values().stream().map(Sweep::csv).toList());
      Path dir = out.resolve(CELLS).resolve(c.id());
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted(Comparator.comparing(Path::toString))
            .toList()) {
          String series = f.getFileName().toString().replaceFirst("\\.csv$", "");
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          for (String line : lines.subList(1, lines.size())) {
            sb.append(prefix).append(prefix.isEmpty() ? "" : ",").append(c.id()).append(',').append(series).append(',')
                .append(line).append('\n');
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read cell " + c.settings() + " in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
      }
    }
    try (RunWriter w = RunWriter.open(out)) {
      return w.writeAtomically(TABLE_FILE, sb.toString());
    }
  }

  private static String csv(String label) {
    return label.contains(",") || label.contains("\"") ? "\"" + label.replace("\"", "\"\"") + "\"" : label;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  /**
   * One cell: its settings (axis → label), its experiment, and its id, the first 16 hex digits of
   * the experiment's spec hash ({@link ExperimentSpec#hash()}), which names its folder.
   *
   * @param settings each axis's label for this cell, in the axes' order
   * @param experiment the experiment
   * @param id the folder name: the spec hash's first 16 hex digits
   */
  public record Cell(Map<String, String> settings, Experiment experiment, String id) {
    /** Checks that {@code id} is the experiment's. */
    public Cell {
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      if (!id.equals(idOf(experiment))) {
        throw new IllegalArgumentException("cell " + settings + ": id " + id + " is not its spec's, " + idOf(experiment));
      }
    }

    /** The cell of {@code experiment} with {@code settings}. */
    public static Cell of(Map<String, String> settings, Experiment experiment) {
      return new Cell(settings, experiment, idOf(experiment));
    }

    private static String idOf(Experiment e) {
      return e.spec().hash().substring(0, 16);
    }
  }

  /**
   * A finished sweep.
   *
   * @param folder its output folder
   * @param cells every cell, in order
   * @param ran how many cells this run ran (the others were finished before)
   * @param table the tidy table {@code sweep.csv}
   */
  public record SweepResult(Path folder, List<Cell> cells, int ran, Path table) {
    /** The folder of {@code cell}. */
    public Path folderOf(Cell cell) {
      return folder.resolve(CELLS).resolve(cell.id());
    }

    /** The series {@code series} of {@code cell} (its first probe point), read back from its folder. */
    public ProbeSeries series(Cell cell, String series) {
      return ProbeSeries.read(folderOf(cell), series).get(0);
    }

    /** The final loss of {@code cell}, from its {@code run.json}. */
    public double finalLoss(Cell cell) {
      Object loss = Provenance.read(folderOf(cell).resolve("run.json")).summary().get("finalLoss");
      return loss instanceof Number n ? n.doubleValue() : Double.NaN;
    }
  }
}
