package io.github.gradsense.examples

import io.github.gradsense.analysis.SensitivityCurve
import io.github.gradsense.data.ImageTransform
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.data.Tasks
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get
import io.github.gradsense.kotlin.uniformHue

/**
 * C3 (Benjamin et al. 2022, Fig. 3): a small CNN learns which image a colour crop came from; trained
 * on the same images with every hue turned by 90°, its hue-sensitivity curve moves with them: the
 * axis it is most sensitive along (the curve's second circular harmonic; the curves are nearly
 * 180°-periodic) turns by ≈ 90°. One seed; the conformance test pins four. Args: `[steps=2000] [crop=32]`.
 */
fun main(args: Array<String>) {
    val updates = args.getOrNull(0)?.toLong() ?: 2_000L
    val side = args.getOrNull(1)?.toInt() ?: 32
    val hues = uniformHue { size = side; hues = 360; single(0.7, 0.7) }
    val images = NaturalImages.configured()
    val (normal, shifted) = listOf(images, images.transformed(ImageTransform.HueShift(90.0))).map { source ->
        val crops = Tasks.whichImage(source).crop(side).regions(2)                  // which image, which quadrant
        val d = experiment("c3-hue") {
            task { use(crops) }
            network {
                sequential(side, side, 3) {
                    conv(16, kernel = 5); relu(); maxPool(2); conv(32, kernel = 5); relu(); maxPool(2)
                    flatten(); dense(128); relu(); dense(crops.classes())
                }
            }
            train { sgd(0.01, momentum = 0.9, weightDecay = 5e-4); batch = 128; steps = updates; seed = 1 }
            probe { sensitivity(hues, at = listOf("relu2"), every = updates) }      // at the end of training
        }.run()["sensitivity-hue", "relu2"].lastRow()
        SensitivityCurve.of(hues, d)
    }
    println("relu2: normal net's axis at %.0f°, hue-shifted net's at %.0f°; the curve moved by %.0f° (mod 180°)"
        .format(normal.axialPreference().direction(), shifted.axialPreference().direction(), shifted.axialShiftFrom(normal)))
}
