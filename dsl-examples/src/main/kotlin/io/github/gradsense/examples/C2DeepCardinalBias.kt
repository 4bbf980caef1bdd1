package io.github.gradsense.examples

import io.github.gradsense.analysis.SensitivityCurve
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.data.Tasks
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.gabor
import io.github.gradsense.kotlin.get

/**
 * C2 (Benjamin et al. 2022, Fig. 2): a small CNN trained on natural images becomes more sensitive
 * to cardinal than to oblique Gabors, more so in its second conv stage than its first; the same CNN
 * trained on the images rotated by 45° is less so. (It needs photographs or textured scenes: on the
 * embedded scenes' flat leaves the rotated net is as cardinal; the conformance test's embedded
 * variant stripes every leaf, `ImageSource.synthetic().withTexture(0.3)`.) Args: `[steps=2000] [crop=32]`.
 */
fun main(args: Array<String>) {
    val updates = args.getOrNull(0)?.toLong() ?: 2_000L
    val side = args.getOrNull(1)?.toInt() ?: 32
    val stimulus = gabor { size = side; frequency = 2.0; orientations = 90; phases = 4; inUnitRange() }   // 2 cycles/deg
    val images = NaturalImages.configured()
    for ((name, source) in listOf("natural" to images, "rotated 45°" to images.rotated(45.0))) {
        val crops = Tasks.whichImage(source).crop(side).regions(2)                        // which image, which quadrant
        val r = experiment("c2-deep") {
            task { use(crops) }
            network {
                sequential(side, side, 3) {
                    conv(16, kernel = 5); relu(); maxPool(2); conv(32, kernel = 5); relu(); maxPool(2)
                    flatten(); dense(128); relu(); dense(crops.classes())
                }
            }
            train { sgd(0.01, momentum = 0.9, weightDecay = 5e-4); batch = 128; steps = updates; seed = 1 }
            probe { sensitivity(stimulus, at = listOf("relu1", "relu2"), every = updates) }   // at the end of training
        }.run()
        fun cbi(point: String) = SensitivityCurve.of(stimulus, r["sensitivity-gabor", point].lastRow()).cardinalBias().index()
        println("%s: cardinal-bias index relu1 %.3f, relu2 %.3f".format(name, cbi("relu1"), cbi("relu2")))
    }
}
