package io.github.gradsense.examples

import io.github.gradsense.analysis.SensitivityCurve
import io.github.gradsense.data.Data
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.gabor
import io.github.gradsense.kotlin.get
import io.github.gradsense.runtime.RuntimeConfig
import io.github.gradsense.stimulus.Gabor

/**
 * C2 (Benjamin et al. 2022, Fig. 2, linear analogue): while a linear autoencoder learns natural
 * images, it is more sensitive to cardinal than to oblique Gabors (cardinal-bias index > 1);
 * trained on the same images rotated by 45° it prefers the obliques (< 1).
 * Args: `[steps=20000] [patches=20000]`.
 */
fun main(args: Array<String>) {
    val updates = args.getOrNull(0)?.toLong() ?: 20_000L
    val count = args.getOrNull(1)?.toInt() ?: 20_000
    val stimulus = gabor { size = 16; channels = 1; frequency = 1.5; rescale = Gabor.Contrast.FIXED }   // 1.5 cycles/deg
    val images = NaturalImages.configured()
    for ((name, source) in listOf("natural" to images, "rotated 45°" to images.rotated(45.0))) {
        val d = Data.naturalPatches(source).patchSize(16).count(count).build(RuntimeConfig.defaults())
        val s = experiment("c2-cardinal-bias") {
            data { use(d) }
            network { linearAutoencoder(tied = true) }
            train { expectedGradient(0.9 * d.dim() / (8 * d.pca().eigenvalues()[0])); steps = updates }
            probe { sensitivity(stimulus, at = listOf("hidden1"), logSpaced = 12) }  // D(θ) = ‖∂y/∂θ‖²
        }.run()["sensitivity-gabor"]
        val cbi = (0 until s.size()).map { "${s.steps()[it]}:%.2f".format(SensitivityCurve.of(stimulus, s.row(it)).cardinalBias().index()) }
        println("$name: CBI over training ${cbi.joinToString(" ")}")
    }
}
