package io.github.gradsense.examples;

import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.data.WhichImageTask;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.train.Training;

/**
 * C2 (Benjamin et al. 2022, Fig. 2): a small CNN trained on natural images becomes more sensitive
 * to cardinal than to oblique Gabors, more so in its second conv stage than its first; the same CNN
 * trained on the images rotated by 45° is less so. (It needs photographs or textured scenes: on the
 * embedded scenes' flat leaves the rotated net is as cardinal; the conformance test's embedded
 * variant stripes every leaf, {@code ImageSource.synthetic().withTexture(0.3)}.) Args: {@code [steps=2000] [crop=32]}.
 */
public final class C2DeepCardinalBias {
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 2_000;
    int crop = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    Gabor gabor = Stimuli.gabor().size(crop).frequency(2.0).orientations(90).phases(4).inUnitRange();   // 2 cycles/deg
    ImageSource images = NaturalImages.configured();
    for (ImageSource source : new ImageSource[] {images, images.rotated(45)}) {
      WhichImageTask task = Tasks.whichImage(source).crop(crop).regions(2);            // which image, which quadrant
      Results r = Experiment.named("c2-deep").task(task)
          .network(Networks.sequential(crop, crop, 3).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2)
              .flatten().dense(128).relu().dense(task.classes()))
          .train(Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(128).steps(steps).seed(1))
          .probe(Probes.sensitivity(gabor).at("relu1", "relu2").every(steps))          // at the end of training
          .run();
      System.out.printf("%s: cardinal-bias index relu1 %.3f, relu2 %.3f%n", source == images ? "natural" : "rotated 45°",
          SensitivityCurve.of(gabor, r.series("sensitivity-gabor", "relu1").lastRow()).cardinalBias().index(),
          SensitivityCurve.of(gabor, r.series("sensitivity-gabor", "relu2").lastRow()).cardinalBias().index());
    }
  }
}
