package io.github.gradsense.kotlin

import io.github.gradsense.data.Tasks
import io.github.gradsense.experiment.Experiment
import io.github.gradsense.network.Networks
import io.github.gradsense.network.NormalInit
import io.github.gradsense.probe.Probes
import io.github.gradsense.runtime.RuntimeConfig
import io.github.gradsense.train.Training
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

/** The DSL builds the same experiment as the Java builders, and its results read the same. */
class DslTest {
    private val net = Networks.pathways(15).depth(2).width(16).init(NormalInit(0.1))

    @Test
    fun `the DSL and the Java builders give the same results`() {
        val fromKotlin = experiment("dsl") {
            task(Tasks.hierarchy())
            network(net)
            sgd(learningRate = 0.02) { batch = 8; steps = 300; seed = 3 }
            probe(Probes.pathwayShare().every(100))
            runtime = RuntimeConfig.defaults().withThreads(1)
            progress = false
        }.run()
        val fromJava = Experiment.named("dsl").task(Tasks.hierarchy()).network(net)
            .train(Training.sgd(0.02).batch(8).steps(300).seed(3)).probe(Probes.pathwayShare().every(100))
            .runtime(RuntimeConfig.defaults().withThreads(1)).progress(false).run()
        assertThat(fromKotlin.finalParameters()).isEqualTo(fromJava.finalParameters())
        assertThat(fromKotlin["pathway-share"]["m1-k1"]).isEqualTo(fromJava.series("pathway-share").last("m1-k1"))
    }

    @Test
    fun `bad settings fail in the DSL with the Java message`() {
        assertThatThrownBy { experiment("bad") { sgd(learningRate = 0.1) { batch = 0 } } }
            .hasMessageContaining("batchSize must be in [1,")
    }
}
