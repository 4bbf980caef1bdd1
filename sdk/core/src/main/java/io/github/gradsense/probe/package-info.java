/**
 * Probes measure a network while it trains, each on its own {@link io.github.gradsense.probe.Schedule}:
 * PC mode strengths and the authors' "proportion learned", end-to-end singular values and their
 * alignment with the data's PCs, exact PC sensitivities by Jacobian-vector products, and the
 * full-data loss.
 *
 * <pre>{@code
 * Probe u = Probes.modeStrength(20).every(1);
 * Probe d = Probes.pcSensitivity(10).at("hidden1").logSpaced(40);
 * }</pre>
 */
@NullMarked
package io.github.gradsense.probe;

import org.jspecify.annotations.NullMarked;
