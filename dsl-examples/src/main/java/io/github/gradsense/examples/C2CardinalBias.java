package io.github.gradsense.examples;

import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.train.Training;
import java.util.List;
import java.util.Map;

/**
 * C2 (Benjamin et al. 2022, Fig. 2, linear analogue): while a linear autoencoder learns natural
 * images, it is more sensitive to cardinal than to oblique Gabors (cardinal-bias index &gt; 1);
 * trained on the same images rotated by 45° it prefers the obliques (&lt; 1). Args:
 * {@code [steps=20000] [patches=20000]}.
 */
public final class C2CardinalBias {
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Gabor gabor = Stimuli.gabor().size(16).channels(1).frequency(1.5).rescale(Gabor.Contrast.FIXED);   // 1.5 cycles/deg
    ImageSource images = NaturalImages.configured();
    for (Map.Entry<String, ImageSource> e : List.<Map.Entry<String, ImageSource>>of(Map.entry("natural", images), Map.entry("rotated 45°", images.rotated(45)))) {
      Dataset d = Data.naturalPatches(e.getValue()).patchSize(16).count(count).build(RuntimeConfig.defaults());
      ProbeSeries s = Experiment.named("c2-cardinal-bias").data(d).network(Networks.linearAutoencoder().tied())
          .train(Training.expectedGradient(0.9 * d.dim() / (8 * d.pca().eigenvalues()[0])).steps(steps))
          .probe(Probes.sensitivity(gabor).at("hidden1").logSpaced(12))                  // D(θ) = ‖∂y/∂θ‖²
          .run().series("sensitivity-gabor");
      StringBuilder line = new StringBuilder(e.getKey() + ": CBI over training");
      for (int i = 0; i < s.size(); i++) {
        line.append(String.format(" %d:%.2f", s.steps()[i], SensitivityCurve.of(gabor, s.row(i)).cardinalBias().index()));
      }
      System.out.println(line);
    }
  }
}
