package io.github.gradsense.kotlin

import io.github.gradsense.data.Data
import io.github.gradsense.data.NaturalImages
import io.github.gradsense.data.Spectrum
import io.github.gradsense.data.Tasks
import io.github.gradsense.experiment.Experiment
import io.github.gradsense.network.Layer
import io.github.gradsense.network.Networks
import io.github.gradsense.network.NormalInit
import io.github.gradsense.network.Pathways
import io.github.gradsense.probe.Probes
import io.github.gradsense.stimulus.Stimuli
import io.github.gradsense.train.Training
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

/** Each block forwards to the Java builders: it builds records equal to theirs, with their defaults. */
class BlocksTest {

    @Test
    fun `data and task blocks build the Java records`() {
        val source = NaturalImages.configured()
        assertThat(DataScope().apply { naturalPatches(source, patchSize = 16, count = 2_000) }.spec)
            .isEqualTo(Data.naturalPatches(source).patchSize(16).count(2_000))
        assertThat(DataScope().apply { gaussian(Spectrum.of(2.0, 1.0)) }.spec).isEqualTo(Data.gaussian(Spectrum.of(2.0, 1.0)))
        assertThat(TaskScope().apply { whichImage(source, crop = 32, regions = 2) }.spec)
            .isEqualTo(Tasks.whichImage(source).crop(32).regions(2))
        assertThat(TaskScope().apply { hierarchy() }.spec).isEqualTo(Tasks.hierarchy())
        assertThat(TaskScope().apply { orientationBins { it.bins(30) } }.spec).isEqualTo(Tasks.orientationBins().bins(30))
    }

    @Test
    fun `network blocks build the Java records`() {
        assertThat(NetworkScope().apply { linearAutoencoder(tied = true) }.spec).isEqualTo(Networks.linearAutoencoder().tied())
        assertThat(NetworkScope().apply { pathways(15, depth = 7, width = 250, activation = Pathways.Activation.RELU) }.spec)
            .isEqualTo(Networks.pathways(15).depth(7).width(250).relu())
        val cnn = NetworkScope().apply {
            sequential(32, 32, 3) {
                conv(16, kernel = 5); relu(); maxPool(2)
                conv(32, 5, padding = Layer.Padding.SAME); relu(); maxPool(3, stride = 2)
                flatten(); dense(24)
                initScale = 0.5
            }
        }.spec
        assertThat(cnn).isEqualTo(
            Networks.sequential(32, 32, 3).conv(16, 5).relu().maxPool(2)
                .conv(32, 5, 1, Layer.Padding.SAME).relu().maxPool(3, 2).flatten().dense(24).initScale(0.5))
    }

    @Test
    fun `train and probe blocks build the Java records`() {
        assertThat(TrainScope().apply { sgd(0.05, momentum = 0.9); batch = 128; steps = 4_000 }.training)
            .isEqualTo(Training.sgd(0.05).momentum(0.9).batch(128).steps(4_000))
        val probes = ProbeScope().apply {
            modeStrength(10, every = 10)
            sensitivity(gabor { size = 32; orientations = 180; phases = 10 }, at = listOf("conv2", "relu2"))
            sensitivity(uniformHue { hues = 360; single(0.7, 0.7) }, named = "hue")
            +Probes.loss()
        }.probes
        assertThat(probes).containsExactly(
            Probes.modeStrength(10).every(10),
            Probes.sensitivity(Stimuli.gabor().size(32).orientations(180).phases(10)).at("conv2", "relu2"),
            Probes.sensitivity(Stimuli.uniformHue().hues(360).single(0.7, 0.7)).named("hue"),
            Probes.loss())
    }

    @Test
    fun `an experiment declared in blocks trains exactly as the Java one`() {
        val fromBlocks = experiment("blocks") {
            data { gaussian(Spectrum.of(4.0, 2.0, 1.0)) }
            network { linearAutoencoder(tied = true) }
            train { expectedGradient(0.05); steps = 200 }
            probe { modeStrength(3, every = 50) }
            progress = false
        }.run()
        val fromJava = Experiment.named("blocks").data(Data.gaussian(Spectrum.of(4.0, 2.0, 1.0)))
            .network(Networks.linearAutoencoder().tied()).train(Training.expectedGradient(0.05).steps(200))
            .probe(Probes.modeStrength(3).every(50)).progress(false).run()
        assertThat(fromBlocks.finalParameters()).isEqualTo(fromJava.finalParameters())
        assertThat(fromBlocks["mode-strength"]["pc1"]).isEqualTo(fromJava.series("mode-strength").last("pc1"))
    }

    @Test
    fun `empty or misordered blocks say what is missing`() {
        assertThatThrownBy { experiment("x") { network { } } }.hasMessage("network { … } declared no network")
        assertThatThrownBy { experiment("x") { data { } } }.hasMessage("data { … } declared no data set")
        assertThatThrownBy { experiment("x") { task { } } }.hasMessage("task { … } declared no task")
        assertThatThrownBy { experiment("x") { train { steps = 10 } } }
            .hasMessage("train { … } needs sgd(learningRate), miniBatch(learningRate) or expectedGradient(learningRate) first")
        // a setting the chosen trainer does not have is an error naming it, not a value silently recorded
        assertThatThrownBy { TrainScope().apply { sgd(0.05); outputNoise = 0.1 } }
            .hasMessage("outputNoise: Training.Sgd has no outputNoise (miniBatch and expectedGradient have one)")
        assertThatThrownBy { TrainScope().apply { expectedGradient(0.05); batch = 16 } }
            .hasMessage("batch: Training.ExpectedGradient has no batch (sgd and miniBatch have one)")
        assertThatThrownBy { experiment("x") { network { pathways(15, depth = 0) } } }.hasMessageContaining("depth")
    }
}
