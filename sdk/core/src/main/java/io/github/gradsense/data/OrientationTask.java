package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.internal.Seeds;
import io.github.gradsense.stimulus.RotatedGrating;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The supervised experiment of Fig. 6 (METHODS §E): 64 × 64 oriented gratings in a soft disk with a
 * random phase on [0, π) ({@link RotatedGrating}), orientation θ drawn from a {@link OrientationPrior},
 * labelled by its bin {@code ⌊θ/π · bins⌋} (60 bins of 3°), each label kept with its bin's
 * probability ({@link LabelNoise}) or sent to the null class. Fresh samples every step, as the
 * authors' code; batches are a pure function of (seed, step).
 *
 * <pre>{@code
 * OrientationTask frequency = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);
 * OrientationTask balanced = frequency.noise(LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15));
 * }</pre>
 *
 * @param grating the stimulus (its Java reference renders the batches)
 * @param bins number of classes, in [2, 10000]
 * @param prior orientation density
 * @param noise per-bin label keep probabilities
 */
public record OrientationTask(RotatedGrating grating, int bins, OrientationPrior prior, LabelNoise noise) implements TaskSpec {

  /** Validates the fields. */
  public OrientationTask {
    Objects.requireNonNull(grating, "grating");
    checkRange("bins", bins, 2, 10_000);
    Objects.requireNonNull(prior, "prior");
    Objects.requireNonNull(noise, "noise");
    if (noise.bins() != bins) {
      throw new IllegalArgumentException("noise has " + noise.bins() + " bins, the task " + bins);
    }
  }

  /** With another grating (e.g. a smaller side). */
  public OrientationTask grating(RotatedGrating g) {
    return new OrientationTask(g, bins, prior, noise);
  }

  /** With {@code n} bins, every label kept (set noise after bins). */
  public OrientationTask bins(int n) {
    return new OrientationTask(grating, n, prior, LabelNoise.none(n));
  }

  /** With another prior. */
  public OrientationTask prior(OrientationPrior p) {
    return new OrientationTask(grating, bins, p, noise);
  }

  /** With another label noise. */
  public OrientationTask noise(LabelNoise n) {
    return new OrientationTask(grating, bins, prior, n);
  }

  @Override
  public String name() {
    return "orientation-bins";
  }

  @Override
  public List<Integer> inputShape() {
    return List.of(grating.size() * grating.size());
  }

  @Override
  public int classes() {
    return bins;
  }

  /** The bin of orientation {@code theta} in [0, π). */
  public int bin(double theta) {
    return Math.min(bins - 1, (int) Math.floor(theta / Math.PI * bins));
  }

  @Override
  public TaskData open(RuntimeConfig config) {
    Dataset.Source source = new Dataset.Source(name(), "", "rotated gratings " + grating.size() + "px, prior " + prior
        + ", " + noise);
    return new TaskData() {
      @Override
      public Batch batch(long seed, long step, int size) {
        SplittableRandom rng = Seeds.random(seed, "orientations-" + step);
        int dim = grating.size() * grating.size();
        float[] out = new float[size * dim];
        int[] labels = new int[size];
        double[] thetas = new double[size];
        double[] phases = new double[size];
        for (int n = 0; n < size; n++) {
          double theta;
          do {
            theta = rng.nextDouble() * Math.PI;
          } while (rng.nextDouble() * prior.max() > prior.density(theta));
          thetas[n] = theta;
          phases[n] = rng.nextDouble() * Math.PI;
          int label = bin(theta);
          labels[n] = rng.nextDouble() < noise.keep(label) ? label : -1;
        }
        renderAll(out, dim, thetas, phases);
        return new Batch(out, labels, size);
      }

      @Override
      public Batch evaluation(int label, int count, long seed) {
        SplittableRandom rng = Seeds.random(seed, "evaluation-" + label);
        int dim = grating.size() * grating.size();
        float[] out = new float[count * dim];
        int[] labels = new int[count];
        double[] thetas = new double[count];
        double[] phases = new double[count];
        for (int n = 0; n < count; n++) {
          thetas[n] = (label + rng.nextDouble()) * Math.PI / bins;
          phases[n] = rng.nextDouble() * Math.PI;
          labels[n] = label;
        }
        renderAll(out, dim, thetas, phases);
        return new Batch(out, labels, count);
      }

      /**
       * Renders every drawn grating, in parallel: the draws above stay sequential (the same random
       * stream as ever) and each image is a pure function of its (θ, φ), so the batch is the same
       * bits; rendering was a quarter of the Fig. 6 MLP's step, with TensorFlow idle meanwhile.
       */
      private void renderAll(float[] out, int dim, double[] thetas, double[] phases) {
        java.util.stream.IntStream.range(0, thetas.length).parallel().forEach(n -> render(out, n * dim, thetas[n], phases[n]));
      }

      private void render(float[] out, int offset, double theta, double phase) {
        double[] img = grating.reference(theta, phase);
        for (int i = 0; i < img.length; i++) {
          out[offset + i] = (float) img[i];
        }
      }

      @Override
      public List<Dataset.Source> sources() {
        return List.of(source);
      }
    };
  }
}
