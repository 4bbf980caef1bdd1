/**
 * The fluent {@link io.github.gradsense.experiment.Experiment} that ties data, network, training
 * and probes together, runs it, streams its probes to disk and returns {@link
 * io.github.gradsense.experiment.Results}.
 *
 * <pre>{@code
 * Results r = Experiment.named("ordered-learning")
 *     .data(Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(50_000))
 *     .network(Networks.linearAutoencoder().tied())
 *     .train(Training.miniBatch(1.0).batch(4096).epochs(200).seed(7))
 *     .probe(Probes.modeStrength(20))
 *     .run(Report.to(Path.of("out/ordered-learning")));
 * }</pre>
 */
@NullMarked
package io.github.gradsense.experiment;

import org.jspecify.annotations.NullMarked;
