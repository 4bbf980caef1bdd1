package io.github.gradsense.stimulus;

/**
 * Entry point for stimulus families, with the authors' defaults (METHODS §A).
 *
 * <pre>{@code
 * Gabor gabor = Stimuli.gabor().size(32);           // 180 orientations × 10 phases
 * Grating grating = Stimuli.grating();              // 20 frequencies × 64 phases, 32 × 32
 * UniformHue hue = Stimuli.uniformHue().size(32);   // 360 hues × 8 × 8 (S, V)
 * }</pre>
 */
public final class Stimuli {
  private Stimuli() {}

  /** The paper's Gabor (224 px, 100 px/deg, 2 cycles/deg, σ 0.5°, 180 orientations, 10 phases). */
  public static Gabor gabor() {
    return Gabor.paper();
  }

  /** The authors' spatial-frequency grating (32 × 32, f on [1, 10] × 20, 64 phases). */
  public static Grating grating() {
    return Grating.paper();
  }

  /** The authors' marginalised uniform-hue images (224 px, 360 hues, S × V = 8 × 8 on [0.5, 0.9]). */
  public static UniformHue uniformHue() {
    return UniformHue.paper();
  }

  /** The supervised experiment's oriented grating (64 × 64, soft disk, 60 orientations, 11 phases). */
  public static RotatedGrating rotatedGrating() {
    return RotatedGrating.paper();
  }

  /** A family rendered by {@code renderer}; see {@link CustomFamily}. */
  public static CustomFamily custom(String name, String variable, String unit, double[] values, int nuisanceCount,
      int height, int width, int channels, CustomFamily.Renderer renderer) {
    return new CustomFamily(name, variable, unit, values, nuisanceCount, height, width, channels, 1e-3, renderer, null);
  }

  /** {@code n} values evenly spaced on {@code [from, to]}, both ends included. */
  public static double[] values(double from, double to, int n) {
    return Grid.linspace(from, to, n);
  }
}
