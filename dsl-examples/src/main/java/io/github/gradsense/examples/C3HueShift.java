package io.github.gradsense.examples;

import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.ImageTransform;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.data.WhichImageTask;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.UniformHue;
import io.github.gradsense.train.Training;

/**
 * C3 (Benjamin et al. 2022, Fig. 3): a small CNN learns which image a colour crop came from; trained
 * on the same images with every hue turned by 90°, its hue-sensitivity curve moves with them: the
 * axis it is most sensitive along (the curve's second circular harmonic; the curves are nearly
 * 180°-periodic) turns by ≈ 90°. One seed; the conformance test pins four. Args:
 * {@code [steps=2000] [crop=32]}.
 */
public final class C3HueShift {
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 2_000;
    int crop = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    ImageSource images = NaturalImages.configured();
    UniformHue hues = Stimuli.uniformHue().size(crop).hues(360).single(0.7, 0.7);
    SensitivityCurve[] curves = new SensitivityCurve[2];
    ImageSource[] sources = {images, images.transformed(new ImageTransform.HueShift(90))};
    for (int i = 0; i < 2; i++) {
      WhichImageTask task = Tasks.whichImage(sources[i]).crop(crop).regions(2);       // which image, which quadrant
      double[] d = Experiment.named("c3-hue").task(task)
          .network(Networks.sequential(crop, crop, 3).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2)
              .flatten().dense(128).relu().dense(task.classes()))
          .train(Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(128).steps(steps).seed(1))
          .probe(Probes.sensitivity(hues).at("relu2").every(steps))                     // at the end of training
          .run().series("sensitivity-hue", "relu2").lastRow();
      curves[i] = SensitivityCurve.of(hues, d);
    }
    System.out.printf("relu2: normal net's axis at %.0f°, hue-shifted net's at %.0f°; the curve moved by %.0f° (mod 180°)%n",
        curves[0].axialPreference().direction(), curves[1].axialPreference().direction(), curves[1].axialShiftFrom(curves[0]));
  }
}
