package io.github.gradsense.examples;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;

/** The README's quick start: a tied linear autoencoder learns natural-image PCs in variance order. */
public final class QuickStart {
  public static void main(String[] args) {
    Results r = Experiment.named("quick-start")
        .data(Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(20_000))
        .network(Networks.linearAutoencoder().tied())              // M = WᵀW, init ±0.005
        .train(Training.expectedGradient(2.0).steps(args.length > 0 ? Integer.parseInt(args[0]) : 3_000))
        .probe(Probes.modeStrength(10).every(10))                   // u_k = p_kᵀ M p_k
        .run();
    for (int k = 1; k <= 10; k++) {
      double tHalf = r.series("mode-strength").trajectory("pc" + k).halfTime();
      System.out.printf("PC%-2d variance %.4f  learned half-way at step %.0f%n", k, r.data().pca().eigenvalues()[k - 1], tHalf);
    }
  }
}
