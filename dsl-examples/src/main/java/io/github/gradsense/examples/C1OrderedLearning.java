package io.github.gradsense.examples;

import io.github.gradsense.analysis.RankCorrelation;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;

/**
 * C1 (Benjamin et al. 2022, Fig. 5): a tied linear autoencoder trained by gradient descent on
 * natural-image patches learns their principal components one at a time, in order of variance;
 * the larger λ_k, the earlier mode k is half learned. Args: {@code [steps=3000] [patches=20000]}.
 */
public final class C1OrderedLearning {
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 3_000;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Dataset patches = Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(count).build(RuntimeConfig.defaults());
    double[] lambda = patches.pca().eigenvalues();
    ProbeSeries u = Experiment.named("c1-ordered-learning").data(patches)
        .network(Networks.linearAutoencoder().tied())                                   // M = WᵀW
        .train(Training.expectedGradient(0.9 * patches.dim() / (8 * lambda[0])).steps(steps)) // stable step
        .probe(Probes.modeStrength(10).every(Math.max(1, steps / 300)))                   // u_k = p_kᵀ M p_k
        .run().series("mode-strength");
    double[] half = new double[10];
    double[] inverse = new double[10];
    System.out.println("PC  variance   half learned at step");
    for (int k = 0; k < 10; k++) {
      half[k] = u.trajectory("pc" + (k + 1)).halfTime();
      inverse[k] = 1 / lambda[k];
      System.out.printf("%-3d %.5f    %s%n", k + 1, lambda[k], Double.isNaN(half[k]) ? "not yet" : String.format("%.0f", half[k]));
    }
    long learned = java.util.Arrays.stream(half).filter(Double::isFinite).count();
    System.out.println(learned < 2 ? "fewer than two PCs half learned yet: train longer"
        : String.format("Spearman(t½, 1/λ) = %.3f over the %d PCs half learned (1: in variance order)", RankCorrelation.spearman(half, inverse), learned));
  }
}
