package io.github.gradsense.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.experiment.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors in JVMs of their own ({@code local-cluster[2,1,1024]}: two workers, one core each), as
 * on a cluster: each loads TensorFlow's natives, rebuilds its cells from JSON and writes them into
 * the shared folder; the table is the in-process one, bit for bit. Spark's workers launch executors
 * as a distribution would, from {@code $SPARK_HOME/jars} ({@code SPARK_HOME} and
 * {@code SPARK_SCALA_VERSION} are set by the build): here an empty one, the test class path given
 * as the executors'.
 */
class LocalClusterTest {

  @Test
  void executors_in_separate_jvms_give_the_in_process_numbers(@TempDir Path onCluster, @TempDir Path inProcess,
      @TempDir Path pids) throws Exception {
    Path sparkHome = Path.of(System.getenv().getOrDefault("SPARK_HOME", "target/spark-home"));
    Files.createDirectories(sparkHome.resolve("jars"));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    SparkSession spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("gradsense-local-cluster")
        .config("spark.home", sparkHome.toString())
        .config("spark.executor.extraClassPath", classPath)
        .config("spark.executor.extraJavaOptions", System.getProperty("gradsense.spark.opens", ""))
        .config("spark.executorEnv.TF_OVERRIDE_GLOBAL_THREADPOOL", "1")
        .config("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL", "1")
        .config("spark.executorEnv.TF_ENABLE_ONEDNN_OPTS", System.getenv().getOrDefault("TF_ENABLE_ONEDNN_OPTS", "1"))
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      String pidFolder = pids.toString();
      Sweep.SweepResult s = SparkSweepRunnerTest.sweep().run(onCluster, SparkSweepRunner.of(spark).beforeEachCell((settings, id) -> {
        try {
          Files.writeString(Path.of(pidFolder, id), Long.toString(ProcessHandle.current().pid()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
      Sweep.SweepResult l = SparkSweepRunnerTest.sweep().run(inProcess, SweepRunner.local(1));
      assertThat(s.ran()).isEqualTo(4);
      assertThat(Files.readAllLines(s.table())).isEqualTo(Files.readAllLines(l.table()));
      // every cell ran in an executor's JVM, not the driver's
      try (var files = Files.list(pids)) {
        java.util.List<String> ran = files.map(f -> {
          try {
            return Files.readString(f);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).toList();
        assertThat(ran).hasSize(4).doesNotContain(Long.toString(ProcessHandle.current().pid()));
      }
    } finally {
      spark.stop();
    }
  }
}
