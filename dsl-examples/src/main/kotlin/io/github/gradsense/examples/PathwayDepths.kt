package io.github.gradsense.examples

import io.github.gradsense.data.Tasks
import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get
import io.github.gradsense.network.Networks
import io.github.gradsense.network.NormalInit
import io.github.gradsense.probe.Probes
import kotlin.math.sqrt

/**
 * Claim C6 in Kotlin (Shi, Shea-Brown & Buice 2022, Fig. 5): two deep linear pathways learn the
 * hierarchical task; the deeper they are, the more each input–output mode lives in one pathway.
 * Returns the median concentration of the two non-degenerate modes after training.
 */
fun pathwayConcentration(depth: Int, seed: Long, width: Int = 250): Double {
    val updates = if (depth <= 2) 1_000L else if (depth <= 4) 10_000L else 20_000L   // the authors' steps
    val results = experiment("pathways-D$depth-s$seed") {
        task(Tasks.hierarchy())                                                       // 8 items → 15 features
        network(Networks.pathways(15).depth(depth).width(width).init(NormalInit(0.01 * sqrt(1000.0 / width))))
        sgd(learningRate = 0.01) { batch = 8; steps = updates; this.seed = seed }     // full batch
        probe(Probes.pathwayShare().every(updates))
        progress = false
    }.run()
    val share = results["pathway-share"]
    return (share["m1-c"] + share["m2-c"]) / 2
}

/** `pathway-depths [depths, e.g. 2,3,4,7] [seeds] [width]`: prints the concentration per depth. */
fun main(args: Array<String>) {
    val depths = args.getOrNull(0)?.split(",")?.map(String::toInt) ?: listOf(2, 3, 4, 7)
    val seeds = args.getOrNull(1)?.toInt() ?: 3
    val width = args.getOrNull(2)?.toInt() ?: 250
    for (depth in depths) {
        val c = (1..seeds).map { pathwayConcentration(depth, it.toLong(), width) }
        println("D = $depth: median concentration per seed ${c.map { "%.3f".format(it) }}, mean ${"%.3f".format(c.average())}")
    }
}
