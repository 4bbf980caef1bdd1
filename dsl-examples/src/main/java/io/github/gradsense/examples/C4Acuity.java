package io.github.gradsense.examples;

import io.github.gradsense.analysis.Thresholds;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Grating;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.train.Training;

/**
 * C4 (Benjamin et al. 2022, Fig. 5f–h): a linear autoencoder's detection thresholds D^(−1/2) to
 * gratings start flat and high and fall to a floor, low frequencies first; acuity — the highest
 * frequency whose threshold is under a criterion — grows with training. Args:
 * {@code [steps=20000] [patches=20000]}.
 */
public final class C4Acuity {
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Dataset d = Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(count).build(RuntimeConfig.defaults());
    Grating grating = Stimuli.grating().size(16).range(1, 14).frequencies(27).phases(16);   // radians per image
    ProbeSeries s = Experiment.named("c4-acuity").data(d).network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.9 * d.dim() / (8 * d.pca().eigenvalues()[0])).steps(steps))
        .probe(Probes.sensitivity(grating).at("hidden1").logSpaced(10))
        .run().series("sensitivity-grating");
    double[] f = grating.values();
    double[] last = Thresholds.of(s.row(s.size() - 1));
    double criterion = 2 * last[0];                          // twice the final threshold at the lowest frequency
    System.out.println("step     threshold at f = 1, 7.5, 14    acuity");
    for (int i = 0; i < s.size(); i++) {
      double[] t = Thresholds.of(s.row(i));                  // D^(−1/2) per frequency
      System.out.printf("%-8d %9.3f %9.3f %9.3f   %6.2f%n", s.steps()[i], t[0], t[f.length / 2], t[f.length - 1],
          Thresholds.acuity(f, t, criterion));
    }
  }
}
