package io.github.gradsense.examples

import io.github.gradsense.data.LabelNoise
import io.github.gradsense.data.OrientationPrior
import io.github.gradsense.data.OrientationTask
import io.github.gradsense.experiment.ProbeSeries
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get
import io.github.gradsense.network.Sequential

/**
 * C5 (Benjamin et al. 2022, Fig. 6): an MLP classifies grating orientation into 60 bins. With a 3:1
 * prior the common orientation (90°) is learned first; it is still first when label noise balances
 * the information per bin; with a uniform prior and the same noise, the less noisy bins (0°) lead.
 * Args: `[steps=300] [batch=512]`.
 */
fun main(args: Array<String>) {
    val updates = args.getOrNull(0)?.toLong() ?: 300L
    val batchSize = args.getOrNull(1)?.toInt() ?: 512
    val balanced = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15)       // H = b(1 − a/p)
    val conditions: Map<String, (OrientationTask) -> OrientationTask> = mapOf(
        "3:1 prior" to { it.prior(OrientationPrior.COMMON_VERTICAL) },                        // (2 − cos 2θ)/2π
        "balanced" to { it.prior(OrientationPrior.COMMON_VERTICAL).noise(balanced) },
        "uniform + noise" to { it.noise(balanced) })
    fun half(acc: ProbeSeries, column: String) = acc.trajectory(column).halfTime().let { if (it.isNaN()) "never" else "%.0f".format(it) }
    println("condition         steps to half accuracy at 0°, 45°, 90°")
    for ((name, condition) in conditions) {
        val acc = experiment("c5") {
            task { orientationBins(condition) }
            network {
                sequential(4096) {
                    dense(1024); relu(); dense(256); relu(); dense(60)
                    init = Sequential.Initializer.TORCH_DEFAULT; initScale = 0.1
                }
            }
            train { sgd(0.5); batch = batchSize; steps = updates; seed = 1 }
            probe { accuracy(0, 15, 30, samples = 200, every = 10) }                 // bins 0 = 0°, 15 = 45°, 30 = 90°
        }.run()["accuracy"]
        println("%-17s %s, %s, %s".format(name, half(acc, "class0"), half(acc, "class15"), half(acc, "class30")))
    }
}
