package io.github.gradsense.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.data.WhichImageTask;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.runtime.CpuInfo;
import io.github.gradsense.runtime.DeviceReport;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What the README promises about bits, checked on a CNN trained by SGD with momentum (the
 * training whose numbers drift apart fastest): the same seed and configuration give the same
 * final parameters run after run, in one JVM and in a fresh one, with one and with two intra-op
 * threads; the deterministic mode runs in a JVM started with its environment and gives the same
 * bits there too. (That it gives the same bits on another CPU generation cannot be checked on
 * one machine; see the README.)
 */
@DisplayName("Reproducibility: the same seed gives the same bits")
class ReproducibilityTest {
  static final long STEPS = 40;

  /** Trains the small CNN and returns the SHA-256 of its final parameters (first 16 hex digits). */
  static String trainAndHash(RuntimeConfig config) {
    WhichImageTask task = Tasks.whichImage(ImageSource.synthetic().withCount(4).withSize(64)).crop(16).regions(2);
    Results r = Experiment.named("repro").task(task)
        .network(Networks.sequential(16, 16, 3).conv(8, 3).relu().maxPool(2).flatten().dense(32).relu().dense(task.classes()))
        .train(Training.sgd(0.05).momentum(0.9).weightDecay(5e-4).batch(32).steps(STEPS).seed(3))
        .runtime(config).progress(false).run();
    return hash(r.finalParameters());
  }

  static String hash(List<ParameterValues> params) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (ParameterValues v : params) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.values().length);
        for (double d : v.values()) {
          b.putDouble(d);
        }
        md.update(b.array());
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A fresh JVM: trains with each configuration of the comma-separated args[0] (a thread count or
   * {@code deterministic}) in turn and prints {@code hash deterministic kernelIsa oneDnn threads}
   * of the last.
   */
  public static final class Child {
    public static void main(String[] args) {
      String hash = "";
      RuntimeConfig c = null;
      for (String step : args[0].split(",")) {
        c = step.equals("deterministic") ? RuntimeConfig.defaults().deterministic()
            : RuntimeConfig.defaults().withThreads(Integer.parseInt(step));
        hash = trainAndHash(c);
      }
      DeviceReport d = DeviceReport.of(c);
      System.out.println("CHILD " + hash + " " + d.deterministic() + " " + d.cpu().kernelIsa() + " " + d.oneDnn() + " "
          + d.intraOpThreads());
    }
  }

  /** Runs {@link Child} in a new JVM with {@code env} added to this one's environment; returns its line. */
  static String child(String config, Map<String, String> env) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), Child.class.getName(), config));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the child JVM ends").isTrue();
    assertThat(p.exitValue()).as("child output:%n%s", out).isZero();
    return out.lines().filter(l -> l.startsWith("CHILD ")).findFirst().orElseThrow(() -> new AssertionError("no result in:\n" + out))
        .substring(6);
  }

  @ParameterizedTest(name = "{0} intra-op thread(s)")
  @ValueSource(ints = {1, 2})
  @DisplayName("run after run in one JVM, and in a fresh JVM")
  void the_same_bits_run_after_run(int threads) throws Exception {
    RuntimeConfig c = RuntimeConfig.defaults().withThreads(threads);
    String first = trainAndHash(c);
    assertThat(trainAndHash(c)).as("the same JVM").isEqualTo(first);
    assertThat(child(Integer.toString(threads), Map.of()).split(" ")[0]).as("a fresh JVM").isEqualTo(first);
  }

  @Test
  @DisplayName("with one pool per process, the first session's thread count is every session's, and is what is recorded")
  void one_pool_per_process_is_sized_by_the_first_session() throws Exception {
    // GIVEN that one and two threads give different bits (here, with a pool per session)
    org.junit.jupiter.api.Assumptions.assumeTrue(io.github.gradsense.runtime.TfSession.perSessionThreadPools());
    // (true of this CNN on every CPU tried; where it is not, the pool's size cannot be read from the bits)
    org.junit.jupiter.api.Assumptions.assumeFalse(
        trainAndHash(RuntimeConfig.defaults().withThreads(1)).equals(trainAndHash(RuntimeConfig.defaults().withThreads(2))));
    // WHEN a fresh JVM without per-session pools opens a 2-thread session first, then a 1-thread one
    Map<String, String> shared = Map.of("TF_OVERRIDE_GLOBAL_THREADPOOL", "0");
    String[] twoThenOne = child("2,1", shared).split(" ");
    // THEN the 1-thread session computed with the 2-thread pool: the same bits as a 2-thread run,
    // and its device report says 2 (a pool of its own gives the 1-thread bits)
    assertThat(twoThenOne[0]).isEqualTo(child("2", shared).split(" ")[0]);
    assertThat(twoThenOne[4]).as("recorded intra-op threads").isEqualTo("2");
  }

  @Test
  @DisplayName("the deterministic mode opens in a JVM started with its environment, records itself and repeats its bits")
  void deterministic_mode_in_a_pinned_jvm() throws Exception {
    Map<String, String> pinned = Map.of(CpuInfo.MAX_CPU_ISA, "AVX2", "TF_ENABLE_ONEDNN_OPTS", "1", "TF_OVERRIDE_GLOBAL_THREADPOOL", "1");
    String[] a = child("deterministic", pinned).split(" ");
    String[] b = child("deterministic", pinned).split(" ");
    assertThat(a[0]).isEqualTo(b[0]);
    assertThat(a[1]).as("recorded as deterministic").isEqualTo("true");
    assertThat(a[3]).as("oneDNN graph rewrites").isEqualTo("true");
    assertThat(a[4]).as("intra-op threads").isEqualTo("1");
    if (CpuInfo.current().features().contains("avx2")) {
      assertThat(a[2]).as("kernel instruction set").isEqualTo("AVX2");
    }
  }
}
