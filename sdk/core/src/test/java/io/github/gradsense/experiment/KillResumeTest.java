package io.github.gradsense.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.data.WhichImageTask;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Checksums;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.Report;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: a checkpointed CNN run killed with SIGKILL at random updates (between checkpoints, or
 * while one is written) and resumed each time ends with the same final weights and
 * loss, to the last bit, as a run never disturbed; after every kill the folder is either resumable
 * (a checkpoint that reads back) or not yet begun, never corrupt. {@code -Dgradsense.kills=N}
 * sets the number of kills (default 4 here; the 10-kill figures are in the 7/7 note).
 */
class KillResumeTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  static Experiment cnn() {
    WhichImageTask task = Tasks.whichImage(ImageSource.synthetic()).crop(16).regions(2);
    return Experiment.named("killed-cnn").task(task)
        .network(Networks.sequential(16, 16, 3).conv(8, 3).relu().maxPool(2).flatten().dense(32).relu().dense(task.classes()))
        .train(Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(32).steps(600).seed(3).checkpointEvery(25))
        .probe(Probes.accuracy(0, 1).samples(20).every(100)).runtime(CONFIG).progress(false);
  }

  /** SHA-256 of the final weights' bits and the final loss. */
  static String digest(Results r) {
    List<byte[]> parts = new ArrayList<>();
    for (ParameterValues p : r.finalParameters()) {
      ByteBuffer b = ByteBuffer.allocate(8 * p.values().length);
      for (double v : p.values()) {
        b.putDouble(v);
      }
      parts.add(b.array());
    }
    parts.add(Double.toString(r.finalLoss()).getBytes(StandardCharsets.UTF_8));
    int n = parts.stream().mapToInt(a -> a.length).sum();
    ByteBuffer all = ByteBuffer.allocate(n);
    parts.forEach(all::put);
    return Checksums.sha256(all.array());
  }

  @Test
  void a_cnn_run_killed_at_random_moments_resumes_to_the_undisturbed_bits(@TempDir Path dir) throws Exception {
    String undisturbed = digest(cnn().run());
    int kills = Integer.getInteger("gradsense.kills", 4);
    SplittableRandom random = new SplittableRandom(7);
    Path out = dir.resolve("run");
    Path done = dir.resolve("final.txt");
    int resumedFromCheckpoint = 0;
    for (int k = 0; k < kills; k++) {
      Process p = child(out, done);
      long at = 1 + random.nextLong(599);               // a random update: between checkpoints, or while one is written
      java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null && !(line.startsWith("step ") && Long.parseLong(line.substring(5)) >= at)) {
        // the child reports every update it finishes
      }
      if (line == null) {
        p.waitFor();
        break;                                          // it finished before this kill
      }
      p.destroyForcibly();                              // SIGKILL
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Path checkpoint = out.resolve(Checkpoint.FILE);
      if (Files.exists(checkpoint)) {
        Checkpoint.read(checkpoint);                    // resumable: a whole checkpoint, never a torn one
        resumedFromCheckpoint++;
      }
      if (Files.exists(out.resolve("run.json")) && Files.exists(Checksums.sidecar(out.resolve("run.json")))) {
        try {
          Provenance.read(out.resolve("run.json"));
        } catch (io.github.gradsense.report.CorruptFileException e) {
          // killed between run.json and its checksum: refused, and rewritten by the resumed run
        }
      }
    }
    boolean resumable = Files.exists(out.resolve(Checkpoint.FILE));
    long from = resumable ? Checkpoint.read(out.resolve(Checkpoint.FILE)).step() : 0;
    Process last = child(out, done);
    String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(output).isZero();
    // it resumed, not restarted: its first update is the one after the checkpoint
    assertThat(output.lines().filter(l -> l.startsWith("step ")).findFirst()).contains("step " + (from + 1));
    System.out.printf("kill -9 %d times (%d with a checkpoint to resume from): final bits %s%n", kills, resumedFromCheckpoint,
        undisturbed.equals(Files.readString(done).strip()) ? "identical" : "DIFFERENT");
    assertThat(Files.readString(done).strip()).isEqualTo(undisturbed);
    assertThat(Provenance.read(out.resolve("run.json")).status()).isEqualTo("complete");
  }

  private static Process child(Path out, Path done) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), out.toString(), done.toString())
        .redirectErrorStream(true).start();
  }

  /** Runs the CNN into the folder given, resuming from its checkpoint if there is one; writes the digest. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path out = Path.of(args[0]);
      Experiment e = cnn();
      e = e.onStep(ev -> System.out.println("step " + ev.step()));
      Results r = Files.exists(out.resolve(Checkpoint.FILE)) ? e.resume(Report.to(out)) : e.run(Report.to(out));
      Files.writeString(Path.of(args[1]), digest(r) + "\n");
    }
  }
}
