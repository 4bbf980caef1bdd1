package io.github.gradsense.examples;

import io.github.gradsense.data.LabelNoise;
import io.github.gradsense.data.OrientationPrior;
import io.github.gradsense.data.OrientationTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;

/**
 * C5 (Benjamin et al. 2022, Fig. 6): an MLP classifies grating orientation into 60 bins. With a 3:1
 * prior the common orientation (90°) is learned first; it is still first when label noise balances
 * the information per bin; with a uniform prior and the same noise, the less noisy bins (0°) lead.
 * Args: {@code [steps=300] [batch=512]}.
 */
public final class C5FrequencyBeatsInformation {
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 300;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 512;
    LabelNoise balanced = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15);   // H = b(1 − a/p)
    OrientationTask prior = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);       // (2 − cos 2θ)/2π
    OrientationTask[] conditions = {prior, prior.noise(balanced), Tasks.orientationBins().noise(balanced)};
    String[] names = {"3:1 prior", "balanced", "uniform + noise"};
    System.out.println("condition         steps to half accuracy at 0°, 45°, 90°");
    for (int c = 0; c < 3; c++) {
      ProbeSeries acc = Experiment.named("c5").task(conditions[c])
          .network(Networks.sequential(4096).dense(1024).relu().dense(256).relu().dense(60)
              .init(Sequential.Initializer.TORCH_DEFAULT).initScale(0.1))
          .train(Training.sgd(0.5).batch(batch).steps(steps).seed(1))
          .probe(Probes.accuracy(0, 15, 30).samples(200).every(10))                  // bins 0 = 0°, 15 = 45°, 30 = 90°
          .run().series("accuracy");
      System.out.printf("%-17s %s, %s, %s%n", names[c], half(acc, "class0"), half(acc, "class15"), half(acc, "class30"));
    }
  }

  private static String half(ProbeSeries acc, String column) {
    double t = acc.trajectory(column).halfTime();
    return Double.isNaN(t) ? "never" : String.format("%.0f", t);
  }
}
