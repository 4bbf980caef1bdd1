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
 *     task(Tasks.hierarchy())
 *     network(Networks.pathways(15).depth(7).width(250))
 *     sgd(learningRate = 0.01) { batch = 8; steps = 20_000 }
 *     probe(Probes.pathwayShare().every(200))
 * }.run()
 * ```
 */
fun experiment(name: String, block: ExperimentBuilder.() -> Unit): Experiment =
    ExperimentBuilder(Experiment.named(name)).apply(block).experiment

/** The receiver of [experiment]: data or a task, a network, training, probes and runtime. */
@GradsenseDsl
class ExperimentBuilder internal constructor(internal var experiment: Experiment) {

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

    /** Mini-batch SGD with step [learningRate]; set the rest in [block]. */
    fun sgd(learningRate: Double, block: TrainingBuilder.() -> Unit = {}) {
        experiment = experiment.train(TrainingBuilder(Training.sgd(learningRate)).apply(block).training)
    }

    /** The expected (infinite-batch) gradient with step [learningRate]; set the rest in [block]. */
    fun expectedGradient(learningRate: Double, block: TrainingBuilder.() -> Unit = {}) {
        experiment = experiment.train(TrainingBuilder(Training.expectedGradient(learningRate)).apply(block).training)
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

/** Training settings as properties; each assignment forwards to the [Training] record's wither. */
@GradsenseDsl
class TrainingBuilder internal constructor(internal var training: Training) {
    /** Number of updates. */
    var steps: Long
        get() = training.steps()
        set(value) {
            training = training.steps(value)
        }

    /** Number of epochs, when [steps] is 0. */
    var epochs: Int
        get() = training.epochs()
        set(value) {
            training = training.epochs(value)
        }

    /** Mini-batch size. */
    var batch: Int
        get() = training.batchSize()
        set(value) {
            training = training.batch(value)
        }

    /** Seed of the batches (and of the initial weights). */
    var seed: Long
        get() = training.seed()
        set(value) {
            training = training.seed(value)
        }

    /** Heavy-ball momentum. */
    var momentum: Double
        get() = training.momentum()
        set(value) {
            training = training.momentum(value)
        }

    /** L2 weight decay. */
    var weightDecay: Double
        get() = training.weightDecay()
        set(value) {
            training = training.weightDecay(value)
        }

    /** Standard deviation of the output noise of the linear trainer. */
    var outputNoise: Double
        get() = training.outputNoise()
        set(value) {
            training = training.outputNoise(value)
        }

    /** Updates between checkpoints (0: none). */
    var checkpointEvery: Long
        get() = training.checkpointEvery()
        set(value) {
            training = training.checkpointEvery(value)
        }
}

/** The series a probe wrote: `results["pathway-share"]`. */
operator fun Results.get(series: String): ProbeSeries = series(series)

/** The series a probe wrote at one probe point: `results["sensitivity-gabor", "relu2"]`. */
operator fun Results.get(series: String, point: String): ProbeSeries = series(series, point)

/** The last value of [column]: `results["pathway-share"]["m1-c"]`. */
operator fun ProbeSeries.get(column: String): Double = last(column)
