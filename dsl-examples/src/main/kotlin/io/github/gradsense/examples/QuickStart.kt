package io.github.gradsense.examples

import io.github.gradsense.data.NaturalImages
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get

/** The README's Kotlin quick start: a tied linear autoencoder learns natural-image PCs in variance order. */
fun main(args: Array<String>) {
    val r = experiment("quick-start") {
        data { naturalPatches(NaturalImages.configured(), patchSize = 16, count = 20_000) }
        network { linearAutoencoder(tied = true) }                     // M = WᵀW, init ±0.005
        train { expectedGradient(2.0); steps = args.getOrNull(0)?.toLong() ?: 3_000 }
        probe { modeStrength(10, every = 10) }                          // u_k = p_kᵀ M p_k
    }.run()
    for (k in 1..10) {
        val tHalf = r["mode-strength"].trajectory("pc$k").halfTime()
        println("PC%-2d variance %.4f  learned half-way at step %.0f".format(k, r.data().pca().eigenvalues()[k - 1], tHalf))
    }
}
