/**
 * What a run leaves on disk: {@code run.json} (configuration, seed, versions, device, git commit,
 * data provenance) and one tidy CSV per probe ({@code step,epoch,point,column,value}), written as
 * probes fire so that a long run can be watched and a killed run keeps what it measured.
 *
 * <pre>{@code
 * Results r = experiment.run(Report.to(Path.of("out/c1")));
 * }</pre>
 */
@NullMarked
package io.github.gradsense.report;

import org.jspecify.annotations.NullMarked;
