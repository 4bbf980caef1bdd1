package io.github.gradsense.kotlin

import io.github.gradsense.data.DataSpec
import io.github.gradsense.data.Data
import io.github.gradsense.data.HierarchyTask
import io.github.gradsense.data.ImageSource
import io.github.gradsense.data.NaturalPatches
import io.github.gradsense.data.OrientationTask
import io.github.gradsense.data.Spectrum
import io.github.gradsense.data.TaskSpec
import io.github.gradsense.data.Tasks
import io.github.gradsense.data.WhichImageTask
import io.github.gradsense.data.GaussianData
import io.github.gradsense.network.Layer
import io.github.gradsense.network.LinearAutoencoder
import io.github.gradsense.network.LinearChain
import io.github.gradsense.network.Network
import io.github.gradsense.network.Networks
import io.github.gradsense.network.Pathways
import io.github.gradsense.network.Sequential
import io.github.gradsense.network.WeightInit
import io.github.gradsense.probe.Probe
import io.github.gradsense.probe.Schedule
import io.github.gradsense.probe.Probes
import io.github.gradsense.probe.Sensitivity
import io.github.gradsense.stimulus.StimulusFamily
import io.github.gradsense.train.Training

// Each scope collects one Java value; a null argument means "the Java builder's default", so the
// defaults live in one place (the Java records) and the DSL only forwards.

/**
 * The receiver of `data { … }`: one data set, built by the Java factories in [Data].
 *
 * ```kotlin
 * data { naturalPatches(NaturalImages.configured(), patchSize = 16, count = 20_000) }
 * ```
 */
@GradsenseDsl
class DataScope internal constructor() {
    internal var spec: DataSpec? = null

    /** Gaussian samples with the eigenvalues of [spectrum] ([Data.gaussian]); no [samples]: the expected gradient only. */
    fun gaussian(spectrum: Spectrum, samples: Int? = null, seed: Long? = null, standardBasis: Boolean = false): GaussianData {
        var d = Data.gaussian(spectrum)
        samples?.let { d = d.withSamples(it) }
        seed?.let { d = d.withSeed(it) }
        if (standardBasis) d = d.withStandardBasis()
        return d.also { spec = it }
    }

    /** Square grey patches cut from [source] ([Data.naturalPatches]). */
    fun naturalPatches(source: ImageSource, patchSize: Int? = null, count: Int? = null, seed: Long? = null): NaturalPatches {
        var d = Data.naturalPatches(source)
        patchSize?.let { d = d.patchSize(it) }
        count?.let { d = d.count(it) }
        seed?.let { d = d.seed(it) }
        return d.also { spec = it }
    }

    /** A data set built elsewhere. */
    fun use(data: DataSpec): DataSpec = data.also { spec = it }
}

/**
 * The receiver of `task { … }`: one task, built by the Java factories in [Tasks].
 *
 * ```kotlin
 * task { orientationBins { it.prior(OrientationPrior.COMMON_VERTICAL) } }
 * ```
 */
@GradsenseDsl
class TaskScope internal constructor() {
    internal var spec: TaskSpec? = null

    /** Which image, and which of its [regions]² regions, a random RGB crop came from ([Tasks.whichImage]). */
    fun whichImage(source: ImageSource, crop: Int? = null, regions: Int? = null, flips: Boolean? = null): WhichImageTask {
        var t = Tasks.whichImage(source)
        crop?.let { t = t.crop(it) }
        regions?.let { t = t.regions(it) }
        flips?.let { t = t.flips(it) }
        return t.also { spec = it }
    }

    /** The orientation-bin task of Benjamin et al. Fig. 6 ([Tasks.orientationBins]); change it in [change]. */
    fun orientationBins(change: (OrientationTask) -> OrientationTask = { it }): OrientationTask =
        change(Tasks.orientationBins()).also { spec = it }

    /** The hierarchical task of Shi et al. (8 items, 15 tree features) ([Tasks.hierarchy]). */
    fun hierarchy(levels: Int? = null): HierarchyTask {
        var t = Tasks.hierarchy()
        levels?.let { t = t.levels(it) }
        return t.also { spec = it }
    }

    /** A task built elsewhere. */
    fun use(task: TaskSpec): TaskSpec = task.also { spec = it }
}

/**
 * The receiver of `network { … }`: one network, built by the Java factories in [Networks].
 *
 * ```kotlin
 * network { pathways(outputs = 15, depth = 7, width = 250) }
 * ```
 */
@GradsenseDsl
class NetworkScope internal constructor() {
    internal var spec: Network? = null

    /** A linear autoencoder ([Networks.linearAutoencoder]): [tied] `M = WᵀW`, or [factors] matrices. */
    fun linearAutoencoder(
        tied: Boolean = false,
        factors: Int? = null,
        hiddenWidth: Int? = null,
        initScale: Double? = null,
        init: WeightInit? = null,
    ): LinearAutoencoder {
        var n = Networks.linearAutoencoder()
        if (tied) n = n.tied()
        factors?.let { n = n.factors(it) }
        hiddenWidth?.let { n = n.hiddenWidth(it) }
        initScale?.let { n = n.initScale(it) }
        init?.let { n = n.init(it) }
        return n.also { spec = it }
    }

    /** A deep linear chain of the given layer [widths] ([Networks.linearChain]). */
    fun linearChain(vararg widths: Int, init: WeightInit? = null): LinearChain {
        var n = Networks.linearChain(*widths)
        init?.let { n = n.init(it) }
        return n.also { spec = it }
    }

    /** Parallel deep pathways summed at the output ([Networks.pathways]). */
    fun pathways(
        outputs: Int,
        pathways: Int? = null,
        depth: Int? = null,
        width: Int? = null,
        activation: Pathways.Activation? = null,
        init: WeightInit? = null,
    ): Pathways {
        var n = Networks.pathways(outputs)
        pathways?.let { n = n.pathways(it) }
        depth?.let { n = n.depth(it) }
        width?.let { n = n.width(it) }
        when (activation) {
            Pathways.Activation.LINEAR -> n = n.linear()
            Pathways.Activation.RELU -> n = n.relu()
            Pathways.Activation.TANH -> n = n.tanh()
            null -> {}
        }
        init?.let { n = n.init(it) }
        return n.also { spec = it }
    }

    /** A stack of layers on inputs of [shape] (height, width, channels or a width) ([Networks.sequential]). */
    fun sequential(vararg shape: Int, layers: SequentialScope.() -> Unit): Sequential =
        SequentialScope(Networks.sequential(*shape)).apply(layers).stack.also { spec = it }

    /** A network built elsewhere. */
    fun use(network: Network): Network = network.also { spec = it }
}

/**
 * The receiver of `sequential(…) { … }`: layers in order, each a probe point named as in [Sequential].
 *
 * ```kotlin
 * sequential(32, 32, 3) { conv(16, kernel = 5); relu(); maxPool(2); flatten(); dense(24) }   // conv1, relu1, maxpool1, …
 * ```
 */
@GradsenseDsl
class SequentialScope internal constructor(internal var stack: Sequential) {
    /** A 2-D convolution with [filters] output channels and a square [kernel]. */
    fun conv(filters: Int, kernel: Int, stride: Int = 1, padding: Layer.Padding = Layer.Padding.VALID) {
        stack = stack.conv(filters, kernel, stride, padding)
    }

    /** A fully connected layer of [units]. */
    fun dense(units: Int) {
        stack = stack.dense(units)
    }

    /** `max(0, x)`. */
    fun relu() {
        stack = stack.relu()
    }

    /** `tanh(x)`. */
    fun tanh() {
        stack = stack.tanh()
    }

    /** Max pooling over [size]×[size] windows, moving by [stride] (default: [size]). */
    fun maxPool(size: Int, stride: Int = size) {
        stack = stack.maxPool(size, stride)
    }

    /** Average pooling over [size]×[size] windows. */
    fun avgPool(size: Int) {
        stack = stack.avgPool(size)
    }

    /** Batch normalisation in inference form. */
    fun batchNorm() {
        stack = stack.batchNorm()
    }

    /** Flattens feature maps into a vector. */
    fun flatten() {
        stack = stack.flatten()
    }

    /** The weight initialiser (He normal by default). */
    var init: Sequential.Initializer
        get() = stack.initializer()
        set(value) {
            stack = stack.init(value)
        }

    /** A factor on every initial weight. */
    var initScale: Double
        get() = stack.initScale()
        set(value) {
            stack = stack.initScale(value)
        }
}

/**
 * The receiver of `train { … }`: pick [sgd] or [expectedGradient] first, then set the rest as
 * properties.
 *
 * ```kotlin
 * train { sgd(0.01, momentum = 0.9, weightDecay = 5e-4); batch = 128; steps = 2_000; seed = 1 }
 * ```
 */
@GradsenseDsl
class TrainScope internal constructor() {
    private var current: Training? = null

    internal val training: Training
        get() = current ?: throw IllegalStateException(
            "train { … } needs sgd(learningRate), miniBatch(learningRate) or expectedGradient(learningRate) first")

    private fun change(f: (Training) -> Training) {
        current = f(training)
    }

    private fun <R> only(setting: String, f: (Training) -> R?): R =
        f(training) ?: throw IllegalStateException(
            "$setting: Training.${training.javaClass.simpleName} has no $setting (${kinds(setting)})")

    private fun kinds(setting: String) = when (setting) {
        "batch" -> "sgd and miniBatch have one"
        "epochs", "noiseRealisation" -> "miniBatch has one"
        else -> "miniBatch and expectedGradient have one"
    }

    /** Mini-batch SGD of any network on a task with step [learningRate] ([Training.sgd]). */
    fun sgd(learningRate: Double, momentum: Double? = null, weightDecay: Double? = null) {
        var t: Training = Training.sgd(learningRate)
        momentum?.let { t = t.momentum(it) }
        weightDecay?.let { t = t.weightDecay(it) }
        current = t
    }

    /** Mini-batch SGD of a linear autoencoder on a data set, with output noise ([Training.miniBatch]). */
    fun miniBatch(learningRate: Double, outputNoise: Double? = null) {
        var t = Training.miniBatch(learningRate)
        outputNoise?.let { t = t.outputNoise(it) }
        current = t
    }

    /** Gradient descent on the expected (infinite-batch) loss with step [learningRate] ([Training.expectedGradient]). */
    fun expectedGradient(learningRate: Double) {
        current = Training.expectedGradient(learningRate)
    }

    /** Number of updates. */
    var steps: Long
        get() = training.steps()
        set(value) = change { it.steps(value) }

    /** Number of epochs of a [miniBatch] training, when [steps] is 0. */
    var epochs: Int
        get() = only("epochs") { (it as? Training.MiniBatch)?.epochs() }
        set(value) {
            current = only("epochs") { (it as? Training.MiniBatch)?.epochs(value) }
        }

    /** Mini-batch size. */
    var batch: Int
        get() = only("batch") { (it as? Training.Sgd)?.batchSize() ?: (it as? Training.MiniBatch)?.batchSize() }
        set(value) {
            current = only("batch") { (it as? Training.Sgd)?.batch(value) ?: (it as? Training.MiniBatch)?.batch(value) }
        }

    /** Seed of the batches and of the initial weights. */
    var seed: Long
        get() = training.seed()
        set(value) = change { it.seed(value) }

    /** Heavy-ball momentum. */
    var momentum: Double
        get() = training.momentum()
        set(value) = change { it.momentum(value) }

    /** L2 weight decay. */
    var weightDecay: Double
        get() = training.weightDecay()
        set(value) = change { it.weightDecay(value) }

    /** Standard deviation of the linear trainers' output noise. */
    var outputNoise: Double
        get() = only("outputNoise") {
            (it as? Training.MiniBatch)?.outputNoise() ?: (it as? Training.ExpectedGradient)?.outputNoise()
        }
        set(value) {
            current = only("outputNoise") {
                (it as? Training.MiniBatch)?.outputNoise(value) ?: (it as? Training.ExpectedGradient)?.outputNoise(value)
            }
        }

    /** Updates between checkpoints (0: none). */
    var checkpointEvery: Long
        get() = training.checkpointEvery()
        set(value) = change { it.checkpointEvery(value) }
}

/**
 * The receiver of `probe { … }`: each call adds one probe, built by the Java factories in [Probes].
 *
 * ```kotlin
 * probe { modeStrength(10, every = 10); sensitivity(gabor(), at = listOf("relu2")); +Probes.loss() }
 * ```
 */
@GradsenseDsl
class ProbeScope internal constructor() {
    internal val probes = mutableListOf<Probe>()

    /**
     * Adds [p] read on its schedule: [every] n steps, about [logSpaced] log-spaced steps, or [on] a
     * schedule ([Probe.every], [Probe.logSpaced], [Probe.on], shared by every probe); at most one.
     */
    private fun add(p: Probe, every: Long?, logSpaced: Int?, on: Schedule?): Probe {
        require(listOfNotNull(every, logSpaced, on).size <= 1) { "give at most one of every, logSpaced and on" }
        val scheduled = every?.let { p.every(it) } ?: logSpaced?.let { p.logSpaced(it) } ?: on?.let { p.on(it) } ?: p
        return scheduled.also { probes += it }
    }

    /** Adds a probe built elsewhere: `+Probes.loss()`. */
    operator fun Probe.unaryPlus() {
        probes += this
    }

    /** Mode strengths `u_k = p_kᵀ M p_k` of the top [components] PCs ([Probes.modeStrength]). */
    fun modeStrength(components: Int, every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) =
        add(Probes.modeStrength(components), every, logSpaced, on)

    /** Proportion of each PC learned ([Probes.proportionLearned]). */
    fun proportionLearned(components: Int, every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) =
        add(Probes.proportionLearned(components), every, logSpaced, on)

    /** End-to-end singular values ([Probes.singularValues]). */
    fun singularValues(components: Int, every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) =
        add(Probes.singularValues(components), every, logSpaced, on)

    /** Exact sensitivity to each PC direction at probe point [at] ([Probes.pcSensitivity]). */
    fun pcSensitivity(components: Int, at: String? = null, every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) =
        add(Probes.pcSensitivity(components).let { p -> at?.let { p.at(it) } ?: p }, every, logSpaced, on)

    /**
     * Exact sensitivity `D(θ) = Σ (∂y/∂θ)²` to [family]'s variable at the probe points [at]
     * ([Probes.sensitivity]); [named] sets the series name `sensitivity-<named>`.
     */
    fun sensitivity(
        family: StimulusFamily,
        at: List<String> = emptyList(),
        named: String? = null,
        batch: Int? = null,
        every: Long? = null,
        logSpaced: Int? = null,
        on: Schedule? = null,
    ): Probe {
        var p = Probes.sensitivity(family)
        if (at.isNotEmpty()) p = p.at(*at.toTypedArray())
        named?.let { p = p.named(it) }
        batch?.let { p = p.batch(it) }
        return add(p, every, logSpaced, on)
    }

    /** Per-class accuracy on clean examples ([Probes.accuracy]). */
    fun accuracy(vararg classes: Int, samples: Int? = null, every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) =
        add(Probes.accuracy(*classes).let { p -> samples?.let { p.samples(it) } ?: p }, every, logSpaced, on)

    /** The loss on the whole data set ([Probes.loss]). */
    fun loss(every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) = add(Probes.loss(), every, logSpaced, on)

    /** Each pathway's share of each input–output mode ([Probes.pathwayShare]). */
    fun pathwayShare(every: Long? = null, logSpaced: Int? = null, on: Schedule? = null) =
        add(Probes.pathwayShare(), every, logSpaced, on)
}
