package io.github.gradsense.examples;

import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.NormalInit;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;

/**
 * C6 (Shi, Shea-Brown &amp; Buice 2022, Figs. 4–7): two parallel deep linear pathways learn the
 * hierarchical task; the deeper the pathways, the more each input–output mode is carried by one
 * pathway alone (concentration c = |K₁ − K₂| / (|K₁| + |K₂|): 0 shared, 1 in one pathway).
 * Args: {@code [depths=2,7] [width=250] [steps: 1000 per depth-2 run, 20000 deeper]}.
 */
public final class C6PathwaySpecialisation {
  public static void main(String[] args) {
    String[] depths = (args.length > 0 ? args[0] : "2,7").split(",");
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    for (String d : depths) {
      int depth = Integer.parseInt(d.trim());
      long steps = args.length > 2 ? Long.parseLong(args[2]) : depth <= 2 ? 1_000 : 20_000;       // the authors' steps
      ProbeSeries share = Experiment.named("c6-D" + depth).task(Tasks.hierarchy())              // 8 items → 15 features
          .network(Networks.pathways(15).depth(depth).width(width).init(new NormalInit(0.01 * Math.sqrt(1000.0 / width))))
          .train(Training.sgd(0.01).batch(8).steps(steps).seed(1))                               // full batch
          .probe(Probes.pathwayShare().every(steps))
          .run().series("pathway-share");
      System.out.printf("D = %d: concentration of mode 1 %.3f, mode 2 %.3f%n", depth, share.last("m1-c"), share.last("m2-c"));
    }
  }
}
