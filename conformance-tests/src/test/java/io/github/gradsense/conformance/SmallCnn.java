package io.github.gradsense.conformance;

import io.github.gradsense.data.HuePrior;
import io.github.gradsense.claims.CnnCodes;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.data.WhichImageTask;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.train.Training;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small CNN of claims C2 (deep) and C3 ({@link CnnCodes}: the main job's, whose task,
 * architecture and images these are), trained once per JVM per (images, seed) and shared by the
 * tests that probe it.
 *
 * <p>Task: which of the images, and which of its 2 × 2 regions, a random 32 × 32 RGB crop
 * (randomly flipped) came from — a classification that needs the images' own colours, edges and
 * textures and no outside labels (the paper's ImageNet labels are not available; SPEC §3 leaves the
 * choice to us). 24 photographs give 96 classes, the 16 synthetic scenes 64.
 *
 * <p>Network: conv 16@5×5, ReLU, max-pool 2, conv 32@5×5, ReLU, max-pool 2, dense 128, ReLU,
 * dense (classes); He init. Training: SGD lr 0.01, momentum 0.9, weight decay 5e-4, batch 128,
 * 4000 steps (CI; 10 000 with {@code -Dgradsense.full=true}; another count with
 * {@code -Dgradsense.cnnSteps=N}, for studying the claims against training time).
 *
 * <p>Why 4000 steps: at 2000, on a Zen 5 CPU (AMD family 26, whose AVX-512 kernels train other
 * nets at the same seed than the Zen 4 the claims were first pinned on), seed 4's hue pair had
 * not moved at relu2 and maxpool2 (lag 158°, 22° from unmoved; spread of the four lags 31.9°
 * against C3's 30°): that net had not yet learned the images' hues there. At 4000 steps every
 * pair moves at every layer under four floating-point paths (default kernels, one thread, AVX2
 * with seeds 11–14, oneDNN off: spreads 0.7–23.4°, the nearest pair 30.4° from 0° with oneDNN
 * off, 40° on the other paths; final losses 0.59–1.96
 * against chance 4.56). Cost: 90–110 s per net on 2 threads of a Zen 5 core pair, 16 nets. C2 deep's second stage at the paper's 2 c/deg loses bias with
 * training instead (seeds 3 and 4: 1.041 and 1.055 at 2000 steps, 0.959 and 1.080 at 4000), which is
 * why C2 probes where the images are most cardinal (see {@link C2DeepCardinalBiasTest}).
 */
final class SmallCnn {
  static final int CROP = CnnCodes.CROP;
  static final int REGIONS = CnnCodes.REGIONS;
  static final long STEPS = Conformance.full() ? 10_000 : Conformance.longProperty("gradsense.cnnSteps", 4000, 1, 1_000_000);
  private static final ConcurrentHashMap<String, List<ParameterValues>> TRAINED = new ConcurrentHashMap<>();

  /**
   * The hue prior of the embedded scenes' variant used when no photographs are configured: warm-
   * and blue-heavy like photographs (45 % of the leaves around 30°, 25 % around 215°, the rest
   * anywhere) at saturation 0.3–0.9.
   */
  static final HuePrior WARM_BLUE = CnnCodes.WARM_BLUE;

  /**
   * The contrast of the embedded variant's leaf textures. Flat-coloured leaves (the scenes'
   * default) teach these nets colour, not orientation: trained on leaves turned by 45° they came
   * out as cardinal as on the upright ones (stage-2 CBI 1.24–1.50 against 1.25–1.32, 3 seeds), and
   * their hue tuning follows a hue shift by one of the two rotations that permute RGB channels
   * exactly in HSV's 60° sectors (axial lags 120° under a prior peaked at 30° and 120°, 60° under
   * the warm/blue one, at every layer, 2 seeds each). With each leaf striped along its orientation
   * at contrast 0.3 the rotated nets lose their bias (stage-2 normal 1.50–1.71 against rotated
   * 1.02–1.26) and the hue lags come to 58–83° from the first ReLU up, as on photographs (conv1,
   * whose filters the achromatic stripes dominate, does not move: lags 24° and 167°). With the
   * four seed pairs of C3 at 2000 steps one pair (seed 4) did not move at any layer (lags
   * 148–170°), and C2's rotation claim held for three of four seeds at 2 c/deg. At 4000 steps C2
   * holds here for every seed at the frequency the scenes choose (3.5 c/deg), and C3 holds from
   * relu1 up (means 86.7–96.0°) but fails at conv1, where two nets trained on the same unshifted
   * scenes already disagree by 48° on average: conv1's axial preference on these scenes is not
   * reproducible across seeds. Open work.
   */
  static final double TEXTURE = CnnCodes.TEXTURE;

  private SmallCnn() {}

  /** The photographs when configured, else the embedded scenes with {@link #WARM_BLUE} hues and {@link #TEXTURE}d leaves. */
  static ImageSource images() {
    return NaturalImages.photographsConfigured()
        ? Conformance.naturalImages()
        : CnnCodes.embeddedScenes();
  }

  /**
   * {@code images} with their orientations turned by {@code degrees}: photographs rotated whole and
   * cropped to the valid region; synthetic scenes rendered with every rectangle turned (no
   * resampling of their sharp edges).
   */
  static ImageSource rotated(ImageSource images, double degrees) {
    return CnnCodes.rotated(images, degrees);
  }

  /** The task on {@code images}. */
  static WhichImageTask task(ImageSource images) {
    return CnnCodes.task(images);
  }

  /** The architecture for {@code classes} outputs, freshly initialised. */
  static Sequential network(int classes) {
    return CnnCodes.network(classes);
  }

  /** Probe points from the first convolution to the last layer. */
  static List<String> points(int classes) {
    return CnnCodes.points(classes);
  }

  /** The trained parameters on {@code images} (named {@code label}) with {@code seed}, trained once. */
  static List<ParameterValues> trained(String label, ImageSource images, long seed) {
    return TRAINED.computeIfAbsent(label + "-" + images.describe() + "-" + seed, k -> {
      WhichImageTask task = task(images);
      long t0 = System.nanoTime();
      Results r = Experiment.named("cnn-" + label + "-" + seed).task(task).network(network(task.classes()))
          .train(Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(128).steps(STEPS).seed(Conformance.seed(seed)))
          .progress(true).run();
      System.out.printf("trained cnn %s seed %d on %s: %d steps in %.0f s, final loss %.3f (chance %.3f)%n", label, Conformance.seed(seed),
          images.describe(), STEPS, (System.nanoTime() - t0) / 1e9, r.finalLoss(), Math.log(task.classes()));
      return r.finalParameters();
    });
  }

  /** Measures {@code probes} on the network with {@code parameters} (or freshly drawn with {@code seed} if null). */
  static Results measure(String name, int classes, List<ParameterValues> parameters, long seed, Probe... probes) {
    return CnnCodes.measure(name, classes, parameters, seed, probes);
  }
}
