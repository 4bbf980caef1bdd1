package io.github.gradsense.examples;

import io.github.gradsense.experiment.LayerProbe;
import io.github.gradsense.network.Torchvision;
import io.github.gradsense.stimulus.Stimuli;
import java.nio.file.Path;

/** The cardinal-bias index of a torchvision ResNet18, layer by layer, against its untrained and shuffled controls. */
public final class ProbePretrained {
  public static void main(String[] args) {                  // weights file [image side] [orientations]
    int side = args.length > 1 ? Integer.parseInt(args[1]) : 224;
    int orientations = args.length > 2 ? Integer.parseInt(args[2]) : 180;
    LayerProbe.Results r = LayerProbe.of(Torchvision.resnet18().imageSize(side).weights(Path.of(args[0])))
        .stimulus(Stimuli.gabor().size(side).orientations(orientations))
        .at("layer1", "layer2", "layer3", "layer4", "fc")
        .withControls(1)                                     // untrained and shuffled, seed 1
        .run();
    for (String net : r.sensitivity().keySet()) {
      r.cardinalBias(net).forEach((layer, b) -> System.out.printf("%-9s %-7s CBI %.3f%n", net, layer, b.index()));
    }
  }
}
