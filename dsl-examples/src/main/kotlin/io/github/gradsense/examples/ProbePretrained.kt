package io.github.gradsense.examples

import io.github.gradsense.experiment.LayerProbe
import io.github.gradsense.network.Torchvision
import io.github.gradsense.stimulus.Stimuli
import java.nio.file.Path

/** The cardinal-bias index of a torchvision ResNet18, layer by layer, against its untrained and shuffled controls. */
fun main(args: Array<String>) {                               // weights file [image side] [orientations]
    val side = args.getOrNull(1)?.toInt() ?: 224
    val r = LayerProbe.of(Torchvision.resnet18().imageSize(side).weights(Path.of(args[0])))
        .stimulus(Stimuli.gabor().size(side).orientations(args.getOrNull(2)?.toInt() ?: 180))
        .at("layer1", "layer2", "layer3", "layer4", "fc")
        .withControls(1)                                       // untrained and shuffled, seed 1
        .run()
    for ((net, _) in r.sensitivity()) {
        r.cardinalBias(net).forEach { (layer, b) -> println("%-9s %-7s CBI %.3f".format(net, layer, b.index())) }
    }
}
