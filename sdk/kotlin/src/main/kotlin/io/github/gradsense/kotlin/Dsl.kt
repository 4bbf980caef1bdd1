package io.github.gradsense.kotlin

import io.github.gradsense.data.DataSpec
import io.github.gradsense.data.TaskSpec
import io.github.gradsense.experiment.Experiment
import io.github.gradsense.experiment.ProbeSeries
import io.github.gradsense.experiment.Results
import io.github.gradsense.network.Network
import io.github.gradsense.probe.Probe
import io.github.gradsense.runtime.RuntimeConfig
import io.github.gradsense.train.Objective
import io.github.gradsense.train.Training

/** Marks the gradsense DSL's receivers, so that an inner block cannot call an outer one by accident. */
@DslMarker
annotation class GradsenseDsl

/**
 * Declares an [Experiment]: every call forwards to the Java builder, so the DSL and the Java API
 * build the same immutable experiment.
 *
 * ```kotlin
 * val results = experiment("pathways") {
 *     task { hierarchy() }
 *     network { pathways(outputs = 15, depth = 7, width = 250) }
 *     train { sgd(learningRate = 0.01); batch = 8; steps = 20_000 }
 *     probe { pathwayShare(every = 200) }
 * }.run()
 * ```
 */
fun experiment(name: String, block: ExperimentBuilder.() -> Unit): Experiment =
    ExperimentBuilder(Experiment.named(name)).apply(block).experiment

/** The receiver of [experiment]: data or a task, a network, training, probes and runtime. */
@GradsenseDsl
class ExperimentBuilder internal constructor(internal var experiment: Experiment) {

    /** Trains on the data set declared in [block]: `data { naturalPatches(NaturalImages.configured(), patchSize = 16) }`. */
    fun data(block: DataScope.() -> Unit) {
        val spec = DataScope().apply(block).spec ?: throw IllegalStateException("data { … } declared no data set")
        experiment = experiment.data(spec)
    }

    /** Trains on the task declared in [block]: `task { hierarchy() }`. */
    fun task(block: TaskScope.() -> Unit) {
        val spec = TaskScope().apply(block).spec ?: throw IllegalStateException("task { … } declared no task")
        experiment = experiment.task(spec)
    }

    /** The network declared in [block]: `network { sequential(32, 32, 3) { conv(16, 5); relu(); flatten(); dense(24) } }`. */
    fun network(block: NetworkScope.() -> Unit) {
        val spec = NetworkScope().apply(block).spec ?: throw IllegalStateException("network { … } declared no network")
        experiment = experiment.network(spec)
    }

    /** Training declared in [block]: `train { sgd(0.05, momentum = 0.9); batch = 128; steps = 4_000 }`. */
    fun train(block: TrainScope.() -> Unit) {
        experiment = experiment.train(TrainScope().apply(block).training)
    }

    /** Probes declared in [block]: `probe { modeStrength(10, every = 10); sensitivity(gabor(), at = listOf("conv2")) }`. */
    fun probe(block: ProbeScope.() -> Unit) {
        for (p in ProbeScope().apply(block).probes) {
            experiment = experiment.probe(p)
        }
    }

    /** Trains on a data set (linear autoencoders). */
    fun data(spec: DataSpec) {
        experiment = experiment.data(spec)
    }

    /** Trains on a task (classification, reconstruction or regression). */
    fun task(spec: TaskSpec) {
        experiment = experiment.task(spec)
    }

    /** The objective of a task, when not its default. */
    fun objective(objective: Objective) {
        experiment = experiment.objective(objective)
    }

    /** The network to train. */
    fun network(spec: Network) {
        experiment = experiment.network(spec)
    }

    /** Mini-batch SGD of a linear autoencoder on a data set with step [learningRate], output noise σ = 0.1; set the rest in [block]. */
    fun miniBatch(learningRate: Double, block: TrainScope.() -> Unit = {}) {
        experiment = experiment.train(TrainScope().apply { miniBatch(learningRate) }.apply(block).training)
    }

    /** Mini-batch SGD of any network on a task with step [learningRate]; set the rest in [block]. */
    fun sgd(learningRate: Double, block: TrainScope.() -> Unit = {}) {
        experiment = experiment.train(TrainScope().apply { sgd(learningRate) }.apply(block).training)
    }

    /** The expected (infinite-batch) gradient with step [learningRate]; set the rest in [block]. */
    fun expectedGradient(learningRate: Double, block: TrainScope.() -> Unit = {}) {
        experiment = experiment.train(TrainScope().apply { expectedGradient(learningRate) }.apply(block).training)
    }

    /** A training record built elsewhere. */
    fun train(training: Training) {
        experiment = experiment.train(training)
    }

    /** Adds probes. */
    fun probe(vararg probes: Probe) {
        for (p in probes) {
            experiment = experiment.probe(p)
        }
    }

    /** Precision, threads and device (write-only in the DSL: the experiment keeps it). */
    var runtime: RuntimeConfig
        @Deprecated("write-only", level = DeprecationLevel.HIDDEN) get() = throw UnsupportedOperationException()
        set(value) {
            experiment = experiment.runtime(value)
        }

    /** Whether long runs show progress (write-only). */
    var progress: Boolean
        @Deprecated("write-only", level = DeprecationLevel.HIDDEN) get() = throw UnsupportedOperationException()
        set(value) {
            experiment = experiment.progress(value)
        }
}

/** The series a probe wrote: `results["pathway-share"]`. */
operator fun Results.get(series: String): ProbeSeries = series(series)

/** The series a probe wrote at one probe point: `results["sensitivity-gabor", "relu2"]`. */
operator fun Results.get(series: String, point: String): ProbeSeries = series(series, point)

/** The last value of [column]: `results["pathway-share"]["m1-c"]`. */
operator fun ProbeSeries.get(column: String): Double = last(column)
