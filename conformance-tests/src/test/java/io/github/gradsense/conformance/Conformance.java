package io.github.gradsense.conformance;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.internal.Checks;
import io.github.gradsense.runtime.RuntimeConfig;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared settings of the conformance suite: the paper-size switch and the natural-image data,
 * built once per JVM.
 *
 * <p>{@code -Dgradsense.full=true} runs each claim at the paper's sizes; otherwise at the CI sizes
 * each test states. Natural images come from {@link NaturalImages#configured()}: the photographs
 * folder named by {@code GRADSENSE_NATURAL_IMAGES} (CI points it at the Kodak set), else the
 * embedded synthetic scenes. Never skipped.
 */
final class Conformance {
  private static final ConcurrentHashMap<String, Dataset> CACHE = new ConcurrentHashMap<>();

  private Conformance() {}

  /** Whether to run at the papers' sizes. */
  static boolean full() {
    return Boolean.getBoolean("gradsense.full");
  }

  /**
   * {@code seed} moved by {@code -Dgradsense.seedOffset} (0 unless set): the training seeds of the
   * claims stated over several seeds (C2 deep, C3, C5), so that a shifted seed range can be run as
   * a perturbation without editing a test.
   */
  static long seed(long seed) {
    return seed + longProperty("gradsense.seedOffset", 0, 0, 1_000_000);
  }

  /**
   * The whole number given as {@code -Dname=N}, {@code fallback} when unset: a size a run may
   * change without editing a test. A value that is not a whole number or lies outside
   * {@code [min, max]} fails, naming the property and the allowed range, before any native work
   * ({@code Long.getLong} would drop a typo silently and run the default instead).
   *
   * <pre>{@code
   * long steps = Conformance.longProperty("gradsense.cnnSteps", 4000, 1, 1_000_000);
   * }</pre>
   */
  static long longProperty(String name, long fallback, long min, long max) {
    String raw = System.getProperty(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " must be a whole number in [" + min + ", " + max + "], got '" + raw + "'", e);
    }
    return Checks.checkRange("-D" + name, value, min, max);
  }

  /** The configured natural images (photographs or synthetic scenes). */
  static ImageSource naturalImages() {
    return NaturalImages.configured();
  }

  /** A short label of the natural-image source for messages. */
  static String naturalLabel() {
    return NaturalImages.photographsConfigured() ? "photographs " + NaturalImages.configuredFolder().orElseThrow() : "embedded synthetic scenes";
  }

  /** Grey natural patches of side {@code side}, {@code count} of them, built once. */
  static Dataset naturalPatches(int side, int count) {
    return CACHE.computeIfAbsent("patches-" + side + "-" + count,
        k -> Data.naturalPatches(naturalImages()).patchSize(side).count(count).build(RuntimeConfig.defaults()));
  }
}
