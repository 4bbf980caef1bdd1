package io.github.gradsense.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each claim carries the criteria its verdicts are decided by, and runs by one convention. */
class ClaimTest {
  @TempDir Path out;

  @Test
  void every_claim_has_a_folder_a_title_and_criteria_with_a_source() {
    assertThat(Arrays.stream(Claim.values()).map(Claim::folder)).doesNotHaveDuplicates();
    for (Claim c : Claim.values()) {
      assertThat(c.title()).startsWith(c.name().replace("CNN", ""));
      assertThat(c.criteria()).isNotEmpty().allSatisfy(k -> assertThat(k.source()).isNotBlank());
    }
  }

  @Test
  void thresholds_are_the_published_bars() {
    assertThat(OrderedLearning.ORDER.bound()).isEqualTo(0.9);
    assertThat(OrderedLearning.HALF_TIMES.bound()).isEqualTo(0.10);
    assertThat(OrderedLearning.MINI_BATCH.bound()).isEqualTo(0.05);
    assertThat(LinearCardinalBias.UNTRAINED.bound()).isEqualTo(0.1);
    assertThat(CnnCodes.HUE_LAG.bound()).isEqualTo(CnnCodes.SECTOR_BAR).isEqualTo(30);
    assertThat(Acuity.EXPONENT.bound()).isEqualTo(0.15);
    assertThat(Acuity.MONOTONE.bound()).isNaN();
    assertThat(PathwaySpecialisation.SHARED.bound()).isEqualTo(0.2);
    assertThat(PathwaySpecialisation.ONE_PATHWAY.bound()).isEqualTo(0.5);
  }

  @Test
  void a_criterion_decides_a_verdict_with_its_rule() {
    Verdict v = OrderedLearning.MINI_BATCH.verdict("C1", "mini-batch follows", true);
    assertThat(v.rule()).isEqualTo(new Verdict.Rule("max |Δuₖ(t)|, mini-batch vs expected gradient", "≤ 0.05",
        OrderedLearning.MINI_BATCH.source()));
    assertThatThrownBy(() -> Criterion.of("x", " ", 1, "y")).hasMessageContaining("threshold must not be blank");
  }

  @Test
  void a_claim_writes_its_outcome_and_resume_keeps_it() throws Exception {
    ClaimSettings settings = ClaimSettings.to(out).withSizes(ClaimSettings.Sizes.QUICK).withSeed(2);
    ClaimResult first = Claim.C6.run(settings);
    assertThat(first.claim()).isEqualTo(Claim.C6);
    assertThat(first.seconds()).isPositive();
    // a verdict per criterion, each decided by its criterion's rule (the quick sweep has no D = 7)
    List<Verdict.Rule> rules = first.verdicts().stream().map(Verdict::rule).toList();
    assertThat(rules).containsExactly(PathwaySpecialisation.TREND.rule(), PathwaySpecialisation.SHARED.rule());
    Path outcome = out.resolve("pathways").resolve(Claim.OUTCOME);
    long written = Files.getLastModifiedTime(outcome).toMillis();
    assertThat(Claim.C6.finished(settings)).contains(first);
    Thread.sleep(20);
    assertThat(Claim.C6.run(settings.withResume(true))).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(outcome).toMillis()).isEqualTo(written);
    assertThat(Claim.C5.finished(settings)).isEmpty();

    // an outcome that no longer matches its checksum is never kept: refused by name
    byte[] good = Files.readAllBytes(outcome);
    Files.write(outcome, java.util.Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> Claim.C6.finished(settings)).isInstanceOf(io.github.gradsense.report.CorruptFileException.class)
        .hasMessageContaining(outcome.toAbsolutePath() + " is corrupt");
  }
}
