package io.github.gradsense.kotlin

import io.github.gradsense.analysis.CardinalBias
import io.github.gradsense.analysis.CircularCurves
import io.github.gradsense.analysis.CircularSample
import io.github.gradsense.analysis.LogLogFit
import io.github.gradsense.analysis.ModeDynamics
import io.github.gradsense.analysis.RankCorrelation
import io.github.gradsense.analysis.SensitivityCurve
import io.github.gradsense.analysis.Thresholds
import io.github.gradsense.analysis.Trajectory
import io.github.gradsense.data.Data
import io.github.gradsense.data.Dataset
import io.github.gradsense.data.HueHistogram
import io.github.gradsense.data.ImageSource
import io.github.gradsense.data.LabelNoise
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.data.OrientationPrior
import io.github.gradsense.data.SampleMatrix
import io.github.gradsense.data.Spectrum
import io.github.gradsense.data.SyntheticScenes
import io.github.gradsense.data.Tasks
import io.github.gradsense.experiment.Experiment
import io.github.gradsense.experiment.ProbeSeries
import io.github.gradsense.experiment.Results
import io.github.gradsense.network.LinearAutoencoder
import io.github.gradsense.network.Networks
import io.github.gradsense.network.NormalInit
import io.github.gradsense.network.ParameterValues
import io.github.gradsense.network.Shuffles
import io.github.gradsense.network.UniformInit
import io.github.gradsense.network.WeightInit
import io.github.gradsense.probe.Probes
import io.github.gradsense.report.Provenance
import io.github.gradsense.report.Report
import io.github.gradsense.runtime.CpuInfo
import io.github.gradsense.runtime.Device
import io.github.gradsense.runtime.Matrix
import io.github.gradsense.runtime.Precision
import io.github.gradsense.runtime.RuntimeConfig
import io.github.gradsense.runtime.TfSession
import io.github.gradsense.stimulus.CustomFamily
import io.github.gradsense.stimulus.Gabor
import io.github.gradsense.stimulus.Stimuli
import io.github.gradsense.train.LearningRateSchedule
import io.github.gradsense.probe.Schedule
import io.github.gradsense.train.StepListener
import io.github.gradsense.train.Training
import java.nio.file.Path
import java.util.Optional
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/**
 * Compile-only: touches the public Java API from Kotlin with the types (and nullness) a Kotlin
 * user sees, as OkHttp's KotlinSourceModernTest does. The module compiles with
 * `-Xjspecify-annotations=strict -Werror`, so a platform type that should be non-null, a
 * `@Nullable` that Kotlin reads as non-null, or a callback that is not SAM-convertible breaks the
 * build. Nothing here runs except the check that the class loaded.
 */
@Suppress("unused", "UNUSED_VARIABLE")
class JavaApiFromKotlinTest {

    @Test
    fun `the Java API compiles from Kotlin with its declared nullness`() {
        assertThat(javaClass.declaredMethods.map { it.name }).contains("stimuli", "data", "network", "train", "experiment")
    }

    fun stimuli() {
        val g: Gabor = Stimuli.gabor().size(32).orientations(180).phases(10).frequency(2.0).envelope(1.0).channels(3)
            .pixelsPerDegree(3.5).rescale(Gabor.Contrast.FIXED).inUnitRange()
        val theta: DoubleArray = g.values()
        val reference: DoubleArray = g.reference(0.1, 0)
        val hue = Stimuli.uniformHue().hues(360).single(0.7, 0.7).grid(8, 0.5, 0.9)
        val grating = Stimuli.grating().size(16).frequencies(40).range(0.5, 20.0).phases(8)
        val rotated = Stimuli.rotatedGrating()
        val grid: DoubleArray = Stimuli.values(0.0, 1.0, 11)
        val custom: CustomFamily = Stimuli.custom("ramp", "x", "a.u.", grid, 1, 4, 4, 1) { tf, x -> tf.reshape(x, tf.constant(longArrayOf(-1, 1, 1, 1))) }
        val noReference: CustomFamily.Reference? = custom.referenceRenderer()   // @Nullable: optional
        val withReference: CustomFamily = custom.reference { x, _ -> DoubleArray(16) { x } }
    }

    fun data(dir: Path) {
        val folder: ImageSource = ImageSource.folder(dir)
        val scenes: SyntheticScenes = ImageSource.synthetic().withCount(8).withSeed(1).withCardinalFraction(1.0).withSupersampling(3)
        val configured: ImageSource = NaturalImages.configured()
        val where: Optional<Path> = NaturalImages.configuredFolder()
        val patches = Data.naturalPatches(folder.rotated(45.0)).patchSize(16).count(1_000).seed(2)
        val gaussian = Data.gaussian(Spectrum.powerLaw(64, 1.1, 1.0)).withSamples(1_000).withSeed(3)
        val built: Dataset = gaussian.build(RuntimeConfig.defaults())
        val samples: Optional<SampleMatrix> = built.samples()
        val lambda: DoubleArray = built.pca().eigenvalues()
        val histogram: HueHistogram = HueHistogram.of(scenes)
        val centres: DoubleArray = HueHistogram.centres()
        val crops = Tasks.whichImage(configured).crop(32).regions(2).flips(true)
        val bins = Tasks.orientationBins().bins(60).prior(OrientationPrior.COMMON_VERTICAL).noise(LabelNoise.none(60))
        val tree = Tasks.hierarchy()
        val teacher = Tasks.teacher(4, 8, 3.0, 2.0, 1.0)
    }

    fun network(trained: List<ParameterValues>) {
        val tied: LinearAutoencoder = Networks.linearAutoencoder().tied().initScale(0.005)
        val init: WeightInit? = tied.init()                                          // @Nullable: the default
        val effective: WeightInit = tied.effectiveInit()
        val chain = Networks.linearChain(64, 64, 64).init(UniformInit(0.01))
        val cnn = Networks.sequential(32, 32, 3).conv(16, 5).relu().maxPool(2).flatten().dense(24).initScale(0.5)
        val points: List<String> = cnn.probePoints()
        val pathways = Networks.pathways(15).depth(7).width(250).relu().init(NormalInit(0.02))
        val shuffled: List<ParameterValues> = Shuffles.authors(trained, 7)
        val custom = WeightInit { request -> Matrix.zeros(request.rows(), request.cols()) }
    }

    fun train(): Training {
        val listener = StepListener { e -> println(e.loss()) }
        val schedule: Schedule = Schedule.logSpaced(60)
        return Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(128).steps(2_000).seed(1)
            .schedule(LearningRateSchedule.stepwise(1_000, 0.1)).checkpointEvery(500)
    }

    fun experiment(out: Path): Results {
        val e: Experiment = Experiment.named("api").data(Data.gaussian(Spectrum.of(2.0, 1.0)))
            .network(Networks.linearAutoencoder().tied())
            .train(Training.expectedGradient(0.1).steps(100))
            .training { it.seed(2) }
            .probe(Probes.modeStrength(2).every(10))
            .probe(Probes.sensitivity(Stimuli.gabor()).at("hidden1").logSpaced(20))
            .runtime(RuntimeConfig.defaults().withThreads(2).withPrecision(Precision.FLOAT64).withDevice(Device.CPU))
            .onStep { event -> println(event.step()) }
            .stopWhen("mode-strength") { row -> row[0] > 0.9 }
            .progress(false)
        val r: Results = e.run(Report.to(out))
        val series: ProbeSeries = r.series("mode-strength")
        val trajectory: Trajectory = series.trajectory("pc1")
        val half: Double = trajectory.halfTime()
        val directory: Optional<Path> = r.directory()
        val none: Path? = Report.none().directory()                                   // @Nullable: no folder
        val provenance: Provenance = r.provenance()
        val commit: String? = provenance.gitCommit()                                 // @Nullable outside git
        val finished: String? = provenance.finishedAt()
        return r
    }

    fun analysis(theta: DoubleArray, d: DoubleArray) {
        val cbi: CardinalBias = CardinalBias.of(theta, d)
        val curve: SensitivityCurve = SensitivityCurve.of(Stimuli.gabor(), d)
        val lag: Double = curve.shiftFrom(curve)
        val shift: Double = CircularCurves.peakShift(theta, d, d, 180.0)
        val fit: LogLogFit = LogLogFit.of(theta, d)
        val saxe: ModeDynamics = ModeDynamics.regression(2, 0.01, 3.0, 0.01)
        val rho: Double = RankCorrelation.spearman(theta, d)
        val thresholds: DoubleArray = Thresholds.of(d)
        val axis: CircularCurves.Harmonic = curve.axialPreference()
        val axialLag: Double = curve.axialShiftFrom(curve)
        val lags: CircularSample = CircularSample.of(180.0, 94.0, 89.0, 109.0)
        val spread: Double = lags.standardDeviation()
    }

    fun reproducibility(): RuntimeConfig {
        val cpu: CpuInfo = CpuInfo.current()
        val isa: String = cpu.kernelIsa()
        val threads: Int = TfSession.effectiveIntraOpThreads(RuntimeConfig.defaults())
        return RuntimeConfig.defaults().deterministic()
    }
}
