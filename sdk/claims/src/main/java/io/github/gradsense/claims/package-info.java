/**
 * The papers' claims as runnable reproductions: each {@link io.github.gradsense.claims.Claim} trains
 * its experiments, decides its verdicts by its {@link io.github.gradsense.claims.Criterion criteria}
 * (statistic, threshold, and where the threshold comes from) and writes its runs and figures. The
 * command line ({@code gradsense reproduce}) and the conformance suite read the same criteria.
 *
 * <pre>{@code
 * ClaimResult r = Claim.C6.run(ClaimSettings.to(Path.of("out")).withSizes(ClaimSettings.Sizes.QUICK));
 * }</pre>
 */
@NullMarked
package io.github.gradsense.claims;

import org.jspecify.annotations.NullMarked;
