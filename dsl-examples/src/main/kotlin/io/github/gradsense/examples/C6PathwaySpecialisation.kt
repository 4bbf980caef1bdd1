package io.github.gradsense.examples

import io.github.gradsense.kotlin.experiment
import io.github.gradsense.kotlin.get
import io.github.gradsense.network.NormalInit
import kotlin.math.sqrt

/**
 * C6 (Shi, Shea-Brown & Buice 2022, Figs. 4–7): two parallel deep linear pathways learn the
 * hierarchical task; the deeper the pathways, the more each input–output mode is carried by one
 * pathway alone (concentration c = |K₁ − K₂| / (|K₁| + |K₂|): 0 shared, 1 in one pathway).
 * Args: `[depths=2,7] [width=250] [steps: 1000 per depth-2 run, 20000 deeper]`.
 */
fun main(args: Array<String>) {
    val depths = (args.getOrNull(0) ?: "2,7").split(",").map { it.trim().toInt() }
    val units = args.getOrNull(1)?.toInt() ?: 250
    for (d in depths) {
        val updates = args.getOrNull(2)?.toLong() ?: if (d <= 2) 1_000L else 20_000L     // the authors' steps
        val share = experiment("c6-D$d") {
            task { hierarchy() }                                                          // 8 items → 15 features
            network { pathways(outputs = 15, depth = d, width = units, init = NormalInit(0.01 * sqrt(1000.0 / units))) }
            train { sgd(0.01); batch = 8; steps = updates; seed = 1 }                    // full batch
            probe { pathwayShare(every = updates) }
        }.run()["pathway-share"]
        println("D = $d: concentration of mode 1 %.3f, mode 2 %.3f".format(share["m1-c"], share["m2-c"]))
    }
}
