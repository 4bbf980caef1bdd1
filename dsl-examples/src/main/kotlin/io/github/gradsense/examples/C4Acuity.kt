package io.github.gradsense.examples

import io.github.gradsense.analysis.Thresholds
import io.github.gradsense.data.Data
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get
import io.github.gradsense.kotlin.grating
import io.github.gradsense.runtime.RuntimeConfig

/**
 * C4 (Benjamin et al. 2022, Fig. 5f–h): a linear autoencoder's detection thresholds D^(−1/2) to
 * gratings start flat and high and fall to a floor, low frequencies first; acuity — the highest
 * frequency whose threshold is under a criterion — grows with training.
 * Args: `[steps=20000] [patches=20000]`.
 */
fun main(args: Array<String>) {
    val updates = args.getOrNull(0)?.toLong() ?: 20_000L
    val count = args.getOrNull(1)?.toInt() ?: 20_000
    val d = Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(count).build(RuntimeConfig.defaults())
    val gratings = grating { size = 16; range(1.0, 14.0); frequencies = 27; phases = 16 }   // radians per image
    val s = experiment("c4-acuity") {
        data { use(d) }
        network { linearAutoencoder(tied = true) }
        train { expectedGradient(0.9 * d.dim() / (8 * d.pca().eigenvalues()[0])); steps = updates }
        probe { sensitivity(gratings, at = listOf("hidden1"), logSpaced = 10) }
    }.run()["sensitivity-grating"]
    val f = gratings.values()
    val criterion = 2 * Thresholds.of(s.lastRow())[0]          // twice the final threshold at the lowest frequency
    println("step     threshold at f = 1, 7.5, 14    acuity")
    for (i in 0 until s.size()) {
        val t = Thresholds.of(s.row(i))                        // D^(−1/2) per frequency
        println("%-8d %9.3f %9.3f %9.3f   %6.2f".format(s.steps()[i], t[0], t[f.size / 2], t[f.size - 1], Thresholds.acuity(f, t, criterion)))
    }
}
