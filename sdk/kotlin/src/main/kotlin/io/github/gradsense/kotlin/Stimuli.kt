package io.github.gradsense.kotlin

import io.github.gradsense.stimulus.Gabor
import io.github.gradsense.stimulus.Grating
import io.github.gradsense.stimulus.Stimuli
import io.github.gradsense.stimulus.UniformHue

/**
 * Gabor patches over orientation ([Stimuli.gabor]), set as properties:
 * `gabor { size = 32; orientations = 180; phases = 10 }`.
 */
fun gabor(block: GaborScope.() -> Unit = {}): Gabor = GaborScope(Stimuli.gabor()).apply(block).gabor

/** Uniform-colour images over hue ([Stimuli.uniformHue]): `uniformHue { hues = 360; single(0.7, 0.7) }`. */
fun uniformHue(block: UniformHueScope.() -> Unit = {}): UniformHue = UniformHueScope(Stimuli.uniformHue()).apply(block).hue

/** Sinusoidal gratings over spatial frequency ([Stimuli.grating]): `grating { size = 16; frequencies = 40 }`. */
fun grating(block: GratingScope.() -> Unit = {}): Grating = GratingScope(Stimuli.grating()).apply(block).grating

/** Properties of a [Gabor]; each assignment forwards to the record's wither: `gabor { size = 32; frequency = 2.0 }`. */
@GradsenseDsl
class GaborScope internal constructor(internal var gabor: Gabor) {
    /** Image side in pixels. */
    var size: Int
        get() = gabor.size()
        set(value) {
            gabor = gabor.size(value)
        }

    /** Number of orientations on [0, π]. */
    var orientations: Int
        get() = gabor.orientations()
        set(value) {
            gabor = gabor.orientations(value)
        }

    /** Number of phases averaged over (the nuisance variable). */
    var phases: Int
        get() = gabor.phases()
        set(value) {
            gabor = gabor.phases(value)
        }

    /** Spatial frequency in cycles per degree. */
    var frequency: Double
        get() = gabor.frequency()
        set(value) {
            gabor = gabor.frequency(value)
        }

    /** Gaussian envelope's standard deviation in degrees. */
    var envelope: Double
        get() = gabor.envelope()
        set(value) {
            gabor = gabor.envelope(value)
        }

    /** Pixels per degree of visual angle. */
    var pixelsPerDegree: Double
        get() = gabor.pixelsPerDegree()
        set(value) {
            gabor = gabor.pixelsPerDegree(value)
        }

    /** Colour channels (1 grey, 3 RGB). */
    var channels: Int
        get() = gabor.channels()
        set(value) {
            gabor = gabor.channels(value)
        }

    /** How grey levels are scaled. */
    var rescale: Gabor.Contrast
        get() = gabor.rescale()
        set(value) {
            gabor = gabor.rescale(value)
        }

    /** Grey levels on [0, 1] (background 0.5), as images fed to a CNN. */
    fun inUnitRange() {
        gabor = gabor.inUnitRange()
    }
}

/** Properties of a [UniformHue]; each assignment forwards to the record's wither: `uniformHue { hues = 360; grid(8, 0.5, 0.9) }`. */
@GradsenseDsl
class UniformHueScope internal constructor(internal var hue: UniformHue) {
    /** Image side in pixels. */
    var size: Int
        get() = hue.size()
        set(value) {
            hue = hue.size(value)
        }

    /** Number of hues on [0°, 360°]. */
    var hues: Int
        get() = hue.hues()
        set(value) {
            hue = hue.hues(value)
        }

    /** One saturation and value instead of the marginalised grid. */
    fun single(saturation: Double, value: Double) {
        hue = hue.single(saturation, value)
    }

    /** An [n]×[n] grid of saturations and values on [[from], [to]], marginalised over. */
    fun grid(n: Int, from: Double, to: Double) {
        hue = hue.grid(n, from, to)
    }
}

/** Properties of a [Grating]; each assignment forwards to the record's wither: `grating { size = 16; range(1.0, 14.0) }`. */
@GradsenseDsl
class GratingScope internal constructor(internal var grating: Grating) {
    /** Image side in pixels. */
    var size: Int
        get() = grating.size()
        set(value) {
            grating = grating.size(value)
        }

    /** Number of frequencies. */
    var frequencies: Int
        get() = grating.frequencies()
        set(value) {
            grating = grating.frequencies(value)
        }

    /** Number of phases averaged over. */
    var phases: Int
        get() = grating.phases()
        set(value) {
            grating = grating.phases(value)
        }

    /** The frequency range, radians per image span. */
    fun range(min: Double, max: Double) {
        grating = grating.range(min, max)
    }
}
