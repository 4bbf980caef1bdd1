package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.report.Json;
import io.github.gradsense.runtime.Fetched;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * gradsense's torchvision networks compute what torchvision computes. PyTorch writes seeded
 * random-initialised weights of {@code resnet18} (safetensors and {@code .npz}), {@code vgg16_bn}
 * (safetensors) and {@code alexnet} ({@code .npz}) with randomised BatchNorm statistics, a small
 * ResNet it trained itself for 300 steps, torchvision's activations at every module path for a few
 * images, and forward-mode sensitivities ({@code functorch.jvp}) along a Gabor orientation curve
 * ({@code src/test/python/torchvision_reference.py}, run here with Debian's {@code python3-torch}; the
 * safetensors files by the script's own writer, byte-identical to the {@code safetensors} package's, which
 * Debian does not carry).
 * At every probe point: float32 activations within 1e-4 of the largest activation (float32
 * rounding through ~20 layers of sums over up to 4608 terms stays near 1e-6 relative; a wrong
 * layout, padding or statistic is off by order 1); sensitivity curves within 1e-3 in relative ℓ2
 * norm (see below) and within 1e-4 of the curve's largest value at the median θ; the cardinal-bias
 * index within 1e-3. The ℓ2 norm, not the largest θ: a ReLU or max-pool near-tie that float32 rounding
 * flips drops one unit's tangent at one θ, and the two float32 paths flip different ties (measured:
 * up to 1.4e-3 of the largest value at one θ of a 512-unit layer of the trained ResNet, where
 * gradsense's float32 and float64 graphs agree and PyTorch's float32 is the one off). The float64
 * graph meets the median bound too.
 *
 * <p>The reference is taken from {@code GRADSENSE_TORCH_REFERENCE} when set (CI writes it once),
 * else written into {@code target/torch-reference} by {@code /usr/bin/python3}. Without PyTorch the
 * test is skipped, unless {@code GRADSENSE_REQUIRE_TORCH=1} (CI), where it fails.
 */
@DisplayName("torchvision equivalence")
class TorchvisionEquivalenceTest {
  private static final RuntimeConfig F32 = RuntimeConfig.defaults().withThreads(2);
  private static final double ACTIVATION_TOLERANCE = 1e-4;
  /** A typical θ: float32 rounding alone (measured 1e-8 to 9e-6); a wrong rule or statistic moves every θ by order 1. */
  private static final double MEDIAN_TOLERANCE = 1e-4;
  private static final double CBI_TOLERANCE = 1e-3;
  private static Path reference;

  @BeforeAll
  static void reference() throws Exception {
    String given = System.getenv("GRADSENSE_TORCH_REFERENCE");
    if (given != null && !given.isBlank()) {
      reference = Path.of(given);
      assertThat(reference.resolve("manifest.json")).as("GRADSENSE_TORCH_REFERENCE=" + given + " holds manifest.json").exists();
      return;
    }
    boolean required = "1".equals(System.getenv("GRADSENSE_REQUIRE_TORCH"));
    Path python = Path.of("/usr/bin/python3");
    boolean torch = Files.isExecutable(python) && run(List.of(python.toString(), "-c", "import torch, torchvision, functorch"), null) == 0;
    if (!required) {
      Assumptions.assumeTrue(torch, "no PyTorch (apt-get install python3-torch python3-torchvision)");
    }
    assertThat(torch).as("PyTorch for the reference (apt-get install python3-torch python3-torchvision)").isTrue();
    byte[] script = Files.readAllBytes(Path.of("src/test/python/torchvision_reference.py"));
    String version = com.google.common.hash.Hashing.sha256().hashBytes(script).toString().substring(0, 12);
    reference = Path.of("target", "torch-reference-" + version);     // a changed script writes a new reference
    if (!Files.exists(reference.resolve("manifest.json"))) {
      int rc = run(List.of(python.toString(), "src/test/python/torchvision_reference.py", reference.toString()), null);
      assertThat(rc).as("torchvision_reference.py exit status").isZero();
    }
  }

  private static int run(List<String> command, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
    Process p = pb.start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  @Test
  @DisplayName("resnet18 from safetensors: every module path and the Gabor sensitivities match torchvision")
  void resnet18_safetensors() {
    check("resnet18", Torchvision.resnet18(), "resnet18.safetensors");
  }

  @Test
  @DisplayName("resnet18 from .npz: the same numbers")
  void resnet18_npz() {
    check("resnet18", Torchvision.resnet18(), "resnet18.npz");
  }

  @Test
  @DisplayName("vgg16_bn from safetensors")
  void vgg16_bn() {
    check("vgg16_bn", Torchvision.vgg16Bn(), "vgg16_bn.safetensors");
  }

  @Test
  @DisplayName("alexnet from .npz")
  void alexnet() {
    check("alexnet", Torchvision.alexnet(), "alexnet.npz");
  }

  @Test
  @DisplayName("a ResNet trained in PyTorch (moved BatchNorm statistics, learned weights)")
  void trained_resnet() {
    check("resnet10x4", Torchvision.resnet(List.of(1, 1, 1, 1), 4), "resnet10x4.npz");
  }

  private static void check(String arch, TorchvisionNetwork net, String weights) {
    JsonNode manifest = readJson(reference.resolve("manifest.json"));
    List<Integer> sizes = new ArrayList<>();
    manifest.path("architectures").path(arch).path("activation_sizes").forEach(n -> sizes.add(n.asInt()));
    assertThat(sizes).as(arch + " image sizes in the manifest").isNotEmpty();
    for (int size : sizes) {
      activations(arch, net.imageSize(size).weights(reference.resolve(weights)), size);
    }
    int g = manifest.path("architectures").path(arch).path("gabor_size").asInt();
    sensitivities(arch, net.imageSize(g).weights(reference.resolve(weights)));
  }

  private static void activations(String arch, TorchvisionNetwork net, int size) {
    float[][] images = new float[1][];
    int[] shape = readNpy(reference.resolve(arch + "-" + size + "-images.npy"), images);
    StateDict expected = StateDict.read(reference.resolve(arch + "-" + size + "-activations.npz"));
    assertThat(expected.names()).as(arch + " points recorded by PyTorch").containsAll(
        net.probePoints().stream().filter(p -> !p.equals("output")).toList());
    List<String> points = expected.names();
    try (TfSession<TFloat32> s = TfSession.float32(F32)) {
      NetworkGraph<TFloat32> g = net.build(s, NetworkContext.of(net.inputWidth(0), 0));
      Placeholder<TFloat32> x = s.placeholder("x", -1, size, size, 3);
      List<Operand<TFloat32>> ys = new ArrayList<>();
      for (String p : points) {
        ys.add(g.forward(x, p));
      }
      Fetched f = s.runner().feed(x, images[0], shape[0], size, size, 3).fetch(ys).run();
      double worst = 0;
      String where = "";
      for (int i = 0; i < points.size(); i++) {
        float[] want = expected.get(points.get(i)).values();
        double[] got = f.get(i);
        assertThat(got.length).as(arch + " " + points.get(i) + " size").isEqualTo(want.length);
        double scale = 0;
        double diff = 0;
        for (int k = 0; k < want.length; k++) {
          scale = Math.max(scale, Math.abs(want[k]));
          diff = Math.max(diff, Math.abs(got[k] - want[k]));
        }
        double rel = diff / scale;
        if (rel > worst) {
          worst = rel;
          where = points.get(i);
        }
        assertThat(rel).as(arch + " at " + size + " px, " + points.get(i) + ": max |gradsense − torchvision| / max |torchvision|")
            .isLessThanOrEqualTo(ACTIVATION_TOLERANCE);
      }
      System.out.printf(Locale.ROOT, "%s %d px: %d points, worst relative activation error %.2e at %s%n", arch, size,
          points.size(), worst, where);
    }
  }

  private static void sensitivities(String arch, TorchvisionNetwork net) {
    float[][] images = new float[1][];
    float[][] tangents = new float[1][];
    int[] shape = readNpy(reference.resolve(arch + "-gabor-images.npy"), images);
    readNpy(reference.resolve(arch + "-gabor-tangents.npy"), tangents);
    float[][] thetaF = new float[1][];
    readNpy(reference.resolve(arch + "-gabor-thetas.npy"), thetaF);
    double[] theta = new double[thetaF[0].length];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = thetaF[0][i];
    }
    StateDict torch32 = StateDict.read(reference.resolve(arch + "-gabor-sensitivities.npz"));
    List<String> points = torch32.names();
    double[][] ours32;
    double[][] ours64;
    try (TfSession<TFloat32> s = TfSession.float32(F32)) {
      ours32 = curves(s, net, points, images[0], tangents[0], shape, theta.length);
    }
    try (TfSession<TFloat64> s = TfSession.float64(F32)) {
      ours64 = curves(s, net, points, images[0], tangents[0], shape, theta.length);
    }
    double bound = roundingBound(net);
    double worstSame = 0;
    double worstOwn = 0;
    double worstCurve = 0;
    double worstTheta = 0;
    double worstMedian = 0;
    double worstCbi = 0;
    for (int p = 0; p < points.size(); p++) {
      String point = points.get(p);
      double[] t32 = doubles(torch32.get(point).values());
      double scale = 0;
      double diff2 = 0;
      double norm2 = 0;
      double[] perTheta = new double[t32.length];
      for (double v : t32) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int k = 0; k < t32.length; k++) {
        double e = ours32[p][k] - t32[k];
        diff2 += e * e;
        norm2 += t32[k] * t32[k];
        perTheta[k] = Math.abs(e) / scale;
      }
      double curve = Math.sqrt(diff2 / norm2);
      worstSame = Math.max(worstSame, l2(ours64[p], t32));
      worstOwn = Math.max(worstOwn, l2(ours32[p], ours64[p]));
      double theta1 = Arrays.stream(perTheta).max().orElse(0);
      Arrays.sort(perTheta);
      double median = perTheta[perTheta.length / 2];
      double cbi = Math.abs(CardinalBias.of(theta, ours32[p]).index() - CardinalBias.of(theta, t32).index());
      worstCurve = Math.max(worstCurve, curve);
      worstTheta = Math.max(worstTheta, theta1);
      worstMedian = Math.max(worstMedian, median);
      worstCbi = Math.max(worstCbi, cbi);
      assertThat(median).as(arch + " " + point + ": median over θ of |ΔD| / max D").isLessThanOrEqualTo(MEDIAN_TOLERANCE);
      assertThat(l2(ours64[p], t32)).as(arch + " " + point + ": same math, ‖D(gradsense float64) − D(PyTorch float32)‖ / ‖D‖")
          .isLessThanOrEqualTo(bound);
      assertThat(l2(ours32[p], ours64[p])).as(arch + " " + point + ": gradsense's rounding, ‖D(float32) − D(float64)‖ / ‖D‖")
          .isLessThanOrEqualTo(bound);
      assertThat(cbi).as(arch + " " + point + ": |ΔCBI|").isLessThanOrEqualTo(CBI_TOLERANCE);
      // the float64 graph: the same numbers (it is float32 rounding, not the math, that differs)
      double[] r64 = new double[t32.length];
      for (int k = 0; k < t32.length; k++) {
        r64[k] = Math.abs(ours64[p][k] - t32[k]) / scale;
      }
      Arrays.sort(r64);
      assertThat(r64[r64.length / 2]).as(arch + " " + point + ": float64 graph, median over θ of |ΔD| / max D")
          .isLessThanOrEqualTo(MEDIAN_TOLERANCE);
    }
    System.out.printf(Locale.ROOT, "%s Gabor %d px, %d points, worst over points: float32 against PyTorch float32 ‖ΔD‖/‖D‖ %.2e, "
        + "median_θ |ΔD|/max D %.2e, max_θ |ΔD|/max D %.2e, |ΔCBI| %.2e; against gradsense float64 (bound %.2e): "
        + "PyTorch float32 %.2e, gradsense float32 %.2e%n", arch, shape[1], points.size(), worstCurve, worstMedian,
        worstTheta, worstCbi, bound, worstSame, worstOwn);
  }

  /** {@code ‖a − b‖ / ‖b‖}. */
  private static double l2(double[] a, double[] b) {
    double diff2 = 0;
    double norm2 = 0;
    for (int k = 0; k < b.length; k++) {
      diff2 += (a[k] - b[k]) * (a[k] - b[k]);
      norm2 += b[k] * b[k];
    }
    return Math.sqrt(diff2 / norm2);
  }

  /**
   * {@code 2u Σ_l n_l}: twice float32's unit roundoff u = 2⁻²⁴ times the fan-ins n_l (elements of a
   * weight tensor over its output count) summed over every convolution and linear layer of the
   * weights file, the deepest point's bound and so every point's.
   */
  static double roundingBound(TorchvisionNetwork net) {
    StateDict weights = StateDict.read(((TorchvisionNetwork.FromFile) net.weights()).file());
    long fanIns = 0;
    for (StateDict.Tensor t : weights.tensors().values()) {
      long[] shape = t.shape();
      if (shape.length >= 2 && t.name().endsWith("weight")) {
        fanIns += t.size() / shape[0];
      }
    }
    return 2 * Math.scalb(1.0, -24) * fanIns;
  }

  private static double[] doubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** {@code max_θ |a − b| / max_θ |b|}. */
  private static double relative(double[] a, double[] b) {
    double scale = 0;
    double diff = 0;
    for (int k = 0; k < b.length; k++) {
      scale = Math.max(scale, Math.abs(b[k]));
      diff = Math.max(diff, Math.abs(a[k] - b[k]));
    }
    return diff / scale;
  }

  /** {@code D[point][θ]}: the mean over phases of Σ ẏ², from the images and tangents PyTorch was given. */
  private static <T extends org.tensorflow.types.family.TFloating> double[][] curves(TfSession<T> s, TorchvisionNetwork net,
      List<String> points, float[] images, float[] tangents, int[] shape, int thetas) {
    Ops tf = s.tf();
    int n = shape[0];
    int side = shape[1];
    int phases = n / thetas;
    NetworkGraph<T> g = net.build(s, NetworkContext.of(net.inputWidth(0), 0));
    Placeholder<T> x = s.placeholder("x", -1, side, side, 3);
    Placeholder<T> t = s.placeholder("t", -1, side, side, 3);
    List<Dual<T>> duals = g.forwardWithTangent(x, t, points);
    List<Operand<T>> perImage = new ArrayList<>();
    for (Dual<T> d : duals) {
      int rank = d.tangent().shape().numDimensions();
      int[] axes = new int[rank - 1];
      for (int i = 1; i < rank; i++) {
        axes[i - 1] = i;
      }
      perImage.add(tf.reduceSum(tf.math.square(d.tangent()), tf.constant(axes)));
    }
    int imageSize = side * side * 3;
    double[][] d = new double[points.size()][thetas];
    int chunk = 8;
    for (int from = 0; from < n; from += chunk) {
      int m = Math.min(chunk, n - from);
      float[] xi = Arrays.copyOfRange(images, from * imageSize, (from + m) * imageSize);
      float[] ti = Arrays.copyOfRange(tangents, from * imageSize, (from + m) * imageSize);
      Fetched f = s.runner().feed(x, xi, m, side, side, 3).feed(t, ti, m, side, side, 3).fetch(perImage).run();
      for (int p = 0; p < points.size(); p++) {
        double[] v = f.get(p);
        for (int k = 0; k < m; k++) {
          d[p][(from + k) / phases] += v[k] / phases;
        }
      }
    }
    return d;
  }

  private static JsonNode readJson(Path file) {
    try {
      return Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

  /** A little-endian float32 or float64 C-order {@code .npy}; values as float into {@code out[0]}; returns the shape. */
  static int[] readNpy(Path file, float[][] out) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      b.position(6);
      int major = b.get();
      b.get();
      int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
      byte[] h = new byte[headerLength];
      b.get(h);
      String header = new String(h, StandardCharsets.US_ASCII);
      Matcher m = SHAPE.matcher(header);
      Matcher d = DESCR.matcher(header);
      assertThat(m.find() && d.find() && header.contains("'fortran_order': False")).as(file + " header " + header).isTrue();
      int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt)
          .toArray();
      int count = Arrays.stream(shape).reduce(1, (p, q) -> p * q);
      float[] v = new float[count];
      if (d.group(1).equals("<f4")) {
        b.asFloatBuffer().get(v);
      } else if (d.group(1).equals("<f8")) {
        for (int i = 0; i < count; i++) {
          v[i] = (float) b.getDouble();
        }
      } else {
        throw new IllegalArgumentException(file + ": unexpected dtype " + d.group(1));
      }
      out[0] = v;
      return shape;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
