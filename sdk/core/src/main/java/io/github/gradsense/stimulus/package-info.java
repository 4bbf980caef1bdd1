/**
 * Stimulus families: images rendered inside the TensorFlow graph as differentiable functions of a
 * stimulus variable θ, with nuisance variables (phase, saturation and value) on a grid, and a
 * double-precision Java reference renderer for each built-in family.
 *
 * <pre>{@code
 * StimulusFamily gabor = Stimuli.gabor().size(32).orientations(180).phases(10);
 * StimulusFamily grating = Stimuli.grating().size(16).frequencies(20).phases(64);
 * StimulusFamily hue = Stimuli.uniformHue().size(32).hues(360);
 * }</pre>
 */
@NullMarked
package io.github.gradsense.stimulus;

import org.jspecify.annotations.NullMarked;
