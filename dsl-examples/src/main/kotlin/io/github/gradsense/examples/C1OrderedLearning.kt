package io.github.gradsense.examples

import io.github.gradsense.analysis.RankCorrelation
import io.github.gradsense.data.Data
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get
import io.github.gradsense.runtime.RuntimeConfig

/**
 * C1 (Benjamin et al. 2022, Fig. 5): a tied linear autoencoder trained by gradient descent on
 * natural-image patches learns their principal components one at a time, in order of variance;
 * the larger λ_k, the earlier mode k is half learned. Args: `[steps=3000] [patches=20000]`.
 */
fun main(args: Array<String>) {
    val updates = args.getOrNull(0)?.toLong() ?: 3_000L
    val count = args.getOrNull(1)?.toInt() ?: 20_000
    val patches = Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(count).build(RuntimeConfig.defaults())
    val lambda = patches.pca().eigenvalues()
    val u = experiment("c1-ordered-learning") {
        data { use(patches) }
        network { linearAutoencoder(tied = true) }                                   // M = WᵀW
        train { expectedGradient(0.9 * patches.dim() / (8 * lambda[0])); steps = updates }   // a stable step
        probe { modeStrength(10, every = maxOf(1L, updates / 300)) }                  // u_k = p_kᵀ M p_k
    }.run()["mode-strength"]
    val half = (1..10).map { u.trajectory("pc$it").halfTime() }
    println("PC  variance   half learned at step")
    half.forEachIndexed { k, t -> println("%-3d %.5f    %s".format(k + 1, lambda[k], if (t.isNaN()) "not yet" else "%.0f".format(t))) }
    val learned = half.count { it.isFinite() }
    println(if (learned < 2) "fewer than two PCs half learned yet: train longer"
        else "Spearman(t½, 1/λ) = %.3f over the %d PCs half learned (1: in variance order)"
            .format(RankCorrelation.spearman(half.toDoubleArray(), DoubleArray(10) { 1 / lambda[it] }), learned))
}
