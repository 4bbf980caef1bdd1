package io.github.gradsense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.experiment.SweepRunner;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.OutputLock;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradsense sweep FILE.json}: a sweep declared as JSON ({@link Sweep#fromJson}: a template
 * spec, as any {@code run.json}'s {@code config} records it, and axes over its settings), run here
 * or on Apache Spark; finished cells are kept, so running it again resumes it.
 *
 * <pre>
 * gradsense sweep lr.json --out out/lr --parallel 2
 * spark-submit --class io.github.gradsense.spark.SparkSweepMain gradsense-spark-all.jar lr.json --out /shared/lr
 * </pre>
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Runs a sweep declared in FILE.json (a template spec and axes over its settings): one folder per cell, "
        + "named by its spec's hash, and sweep.csv with every series of every cell; finished cells are kept.")
final class SweepCommand implements Callable<Integer> {
  /** Where cells run. */
  enum Runner { LOCAL, SPARK }

  @Parameters(index = "0", paramLabel = "FILE.json", description = "the sweep: {\"name\", \"template\", \"axes\": [{\"name\", \"setting\", \"values\"}]}")
  Path file = Path.of("");

  @Option(names = "--out", description = "the sweep's folder (default out/sweep)")
  Path out = Path.of("out", "sweep");

  @Option(names = "--runner", description = "local (this JVM) or spark (needs gradsense-spark and Spark on the class path, "
      + "e.g. through spark-submit); default local")
  Runner runner = Runner.LOCAL;

  @Option(names = "--parallel", description = "cells at a time in this JVM, in [1, 64] (default 1)")
  int parallel = 1;

  @Option(names = "--master", description = "Spark's master URL for --runner spark (default: spark-submit's, else local[*])")
  @Nullable String master;

  @CommandLine.Spec
  CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec == null ? null : spec.commandLine();
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(cl, "FILE.json: " + file.toAbsolutePath() + " is not a file");
    }
    if (parallel < 1 || parallel > 64) {
      throw new CommandLine.ParameterException(cl, "--parallel must be in [1, 64], got " + parallel);
    }
    JsonNode json;
    try {
      json = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cl, "FILE.json: " + file + " is not JSON: " + e.getMessage());
    }
    Sweep sweep;
    try {
      sweep = Sweep.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, file + ": " + e.getMessage());
    }
    Sweep.SweepResult r;
    try (OutputLock lock = OutputLock.acquire(out, "sweep " + file)) {
      r = runner == Runner.LOCAL ? sweep.run(out, SweepRunner.local(parallel)) : onSpark(cl, sweep);
    }
    System.out.printf("%d cells (%d run now, %d finished before); table: %s%n", r.cells().size(), r.ran(),
        r.cells().size() - r.ran(), r.table());
    return 0;
  }

  private Sweep.SweepResult onSpark(@Nullable CommandLine cl, Sweep sweep) throws ReflectiveOperationException {
    Class<?> main;
    try {
      main = Class.forName("io.github.gradsense.spark.SparkSweepMain");
    } catch (ClassNotFoundException e) {
      throw new CommandLine.ParameterException(cl, "--runner spark needs gradsense-spark and Apache Spark on the class path: "
          + "submit the sweep with spark-submit and gradsense-spark's shaded jar (README, \"Sweeps on Apache Spark\")");
    }
    try {
      return (Sweep.SweepResult) main.getMethod("run", Sweep.class, Path.class, String.class).invoke(null, sweep, out, master);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }
}
