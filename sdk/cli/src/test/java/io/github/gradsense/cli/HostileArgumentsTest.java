package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.network.Torchvision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option of every command, fed values out of its range, empty, NaN, huge, malformed or random:
 * each is exit code 2 with one message naming the option, never a stack trace, and nothing is
 * written (every check comes before native work).
 */
class HostileArgumentsTest {
  @TempDir static Path fixtures;
  static Path weights;
  static Path aFile;
  static Path sweepFile;

  private static final List<String> NOT_A_NUMBER = List.of("", " ", "NaN", "Infinity", "-Infinity", "1.5", "1e3", "0x10",
      "99999999999999999999999", "9".repeat(400), "12abc", "\u0000");
  private static final List<String> NOT_A_POSITIVE_INT = concat(NOT_A_NUMBER, List.of("0", "-1", "-2147483648", "2147483648"));
  private static final List<String> NOT_A_NAME = List.of("", " ", "NaN", "bogus", "../../etc/passwd", "x".repeat(5000), "\u0000",
      "<script>alert(1)</script>");

  @BeforeAll
  static void fixtures() throws IOException {
    weights = fixtures.resolve("resnet18.safetensors");
    Torchvision.resnet18().untrained(7).stateDict().writeSafetensors(weights);
    aFile = Files.writeString(fixtures.resolve("a-file"), "x");
    sweepFile = Files.writeString(fixtures.resolve("s.json"), "{\"name\": \"s\", \"template\": {}, \"axes\": []}");
  }

  @Test
  void reproduce_refuses_every_hostile_value_by_name() {
    Map<String, List<String>> options = Map.of(
        "--seed", NOT_A_NUMBER,
        "--device", NOT_A_NAME,
        "--images", List.of("", "\u0000", fixtures.resolve("missing").toString(), aFile.toString()),
        "--out", List.of("", "\u0000", aFile.toString()));
    for (var e : options.entrySet()) {
      for (String v : e.getValue()) {
        refused(e.getKey(), "reproduce", "c6", "--quick", e.getKey(), v);
      }
    }
    for (String v : concat(NOT_A_NAME, List.of("c0", "c7", "C2CNNN", "all,c1"))) {
      refused("CLAIM", "reproduce", v, "--quick");
    }
  }

  @Test
  void probe_refuses_every_hostile_value_by_name() {
    Map<String, List<String>> options = Map.of(
        "--size", concat(NOT_A_POSITIVE_INT, List.of("1", "3", "100000")),
        "--values", concat(NOT_A_POSITIVE_INT, List.of("1", "100000000")),
        "--phases", concat(NOT_A_POSITIVE_INT, List.of("100000000")),
        "--batch", NOT_A_POSITIVE_INT,
        "--seed", NOT_A_NUMBER,
        "--model", NOT_A_NAME,
        "--stimulus", NOT_A_NAME,
        "--at", NOT_A_NAME,
        "--controls", NOT_A_NAME,
        "--weights", List.of("", "\u0000", fixtures.resolve("missing").toString(), fixtures.toString(), aFile.toString()));
    for (var e : options.entrySet()) {
      for (String v : e.getValue()) {
        List<String> args = new ArrayList<>(List.of("probe", "--model", "resnet18", "--weights", weights.toString(), "--size", "32",
            "--values", "4", "--phases", "1", "--at", "conv1", "--controls", "none"));
        int i = args.indexOf(e.getKey());
        if (i >= 0) {
          args.set(i + 1, v);
        } else {
          args.addAll(List.of(e.getKey(), v));
        }
        refused(e.getKey(), args.toArray(String[]::new));
      }
    }
  }

  @Test
  void sweep_refuses_every_hostile_value_by_name() {
    for (String v : List.of("", "\u0000", fixtures.resolve("missing.json").toString(), fixtures.toString(), aFile.toString(),
        weights.toString())) {
      refused("FILE.json", "sweep", v);
    }
    for (String v : concat(NOT_A_POSITIVE_INT, List.of("65", "100000"))) {
      refused("--parallel", "sweep", sweepFile.toString(), "--parallel", v);
    }
    for (String v : NOT_A_NAME) {
      refused("--runner", "sweep", sweepFile.toString(), "--runner", v);
    }
  }

  @Test
  void random_bytes_in_any_option_are_refused_by_name() {
    SplittableRandom random = new SplittableRandom(20261207);
    List<String[]> numeric = List.of(new String[] {"probe", "--size"}, new String[] {"probe", "--values"},
        new String[] {"probe", "--batch"}, new String[] {"sweep", "--parallel"}, new String[] {"reproduce", "--seed"});
    for (int n = 0; n < 200; n++) {
      String[] pick = numeric.get(random.nextInt(numeric.size()));
      StringBuilder v = new StringBuilder();
      int len = 1 + random.nextInt(12);
      for (int k = 0; k < len; k++) {
        v.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2fff)));
      }
      String value = "x" + v;                     // never a number
      List<String> args = switch (pick[0]) {
        case "probe" -> List.of("probe", "--model", "resnet18", "--weights", weights.toString(), pick[1], value);
        case "sweep" -> List.of("sweep", sweepFile.toString(), pick[1], value);
        default -> List.of("reproduce", "c6", "--quick", pick[1], value);
      };
      refused(pick[1], args.toArray(String[]::new));
    }
  }

  private static void refused(String option, String... args) {
    Path out = fixtures.resolve("out-" + Integer.toHexString(String.join("\u0001", args).hashCode()));
    List<String> withOut = new ArrayList<>(List.of(args));
    if (!withOut.contains("--out")) {
      withOut.addAll(List.of("--out", out.toString()));
    }
    StringWriter err = new StringWriter();
    int code = Gradsense.commandLine().setErr(new PrintWriter(err)).execute(withOut.toArray(String[]::new));
    String text = err.toString();
    assertThat(code).as("exit code of %s; stderr:%n%s", withOut, text).isEqualTo(2);
    assertThat(text).as("stderr of %s", withOut).contains(option).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(out).as("nothing written for %s", withOut).doesNotExist();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
