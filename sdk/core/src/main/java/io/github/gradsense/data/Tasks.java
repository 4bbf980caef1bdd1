package io.github.gradsense.data;

import io.github.gradsense.stimulus.Stimuli;

/**
 * Entry point for training tasks.
 *
 * <pre>{@code
 * TaskSpec crops = Tasks.whichImage(NaturalImages.configured()).crop(32);
 * TaskSpec fig6 = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);
 * RegressionTask tree = Tasks.hierarchy();
 * }</pre>
 */
public final class Tasks {
  private Tasks() {}

  /** Which image a random 32×32 RGB crop (randomly flipped) came from. */
  public static WhichImageTask whichImage(ImageSource source) {
    return new WhichImageTask(source, 32, 1, true, false);
  }

  /** The Fig. 6 task: 60 orientation bins of 64×64 gratings, uniform prior, no label noise. */
  public static OrientationTask orientationBins() {
    return new OrientationTask(Stimuli.rotatedGrating(), 60, OrientationPrior.UNIFORM, LabelNoise.none(60));
  }

  /** Shi et al.'s hierarchical task: 8 one-hot items → 15 tree-structured binary features. */
  public static HierarchyTask hierarchy() {
    return new HierarchyTask(4);
  }

  /** A linear teacher {@code U diag(s) Vᵀ} on {@code items} one-hot inputs with {@code outputs} outputs, seed 1. */
  public static TeacherTask teacher(int outputs, int items, double... singularValues) {
    java.util.List<Double> s = new java.util.ArrayList<>();
    for (double v : singularValues) {
      s.add(v);
    }
    return new TeacherTask(outputs, items, s, 1);
  }
}
