package io.github.gradsense.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.report.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of C2 (CNN) and C3 decide on the numbers the trainings measured: each is upheld on
 * numbers like the main job's and fails when one premise or one comparison goes the other way.
 * No TensorFlow here: the summaries are written by hand.
 */
class CnnCodesTest {
  private static final List<String> POINTS = List.of("conv1", "relu1", "maxpool1", "conv2", "relu2", "maxpool2", "dense1");

  private static Map<String, Double> at(double... v) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < POINTS.size(); i++) {
      m.put(POINTS.get(i), v[i]);
    }
    return m;
  }

  private static Map<String, Double> flat(double v) {
    return at(v, v, v, v, v, v, v);
  }

  private static List<Map<String, Double>> copies(int n, double v) {
    List<Map<String, Double>> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(flat(v + 0.01 * k));
    }
    return out;
  }

  /** Numbers like the main job's on the embedded scenes (cnn-codes.json). */
  private static CnnCodes.Summary summary(List<Map<String, Double>> normal, List<Map<String, Double>> turned,
      List<Map<String, Double>> lags, List<Map<String, Double>> sameHue, double imageBias) {
    Map<Double, Double> bias = Map.of(3.5, imageBias);
    Map<Double, Double> turnedBias = Map.of(3.5, 0.49);
    return new CnnCodes.Summary(3.5, bias, turnedBias, POINTS, normal, turned, copies(20, 1.1),
        List.of(copies(20, 1.3), copies(20, 1.2)), lags, sameHue, List.of(), List.of());
  }

  private static final List<Map<String, Double>> NORMAL = List.of(at(2.3, 3.0, 2.9, 4.4, 5.4, 5.0, 2.9), at(2.3, 2.6, 2.6, 3.0, 4.9, 4.3, 3.9));
  private static final List<Map<String, Double>> TURNED = List.of(at(0.8, 0.7, 0.8, 1.3, 1.0, 0.8, 0.9));
  private static final List<Map<String, Double>> LAGS = List.of(at(98.6, 93.5, 93.5, 106.7, 94.0, 94.0, 93.2),
      at(131.8, 91.7, 91.7, 78.1, 91.8, 91.8, 94.2));
  private static final List<Map<String, Double>> SAME_HUE = List.of(at(146.8, 1.8, 1.8, 28.6, 2.2, 2.2, 179.0));

  private static boolean upheld(List<Verdict> v) {
    return v.stream().allMatch(Verdict::upheld);
  }

  @Test
  @DisplayName("on numbers like the main job's every verdict is upheld, and each states its rule")
  void the_main_jobs_numbers_uphold_the_claims() {
    CnnCodes.Summary s = summary(NORMAL, TURNED, LAGS, SAME_HUE, 2.13);
    assertThat(s.cardinalBiasVerdicts()).hasSize(4).allMatch(Verdict::upheld).allMatch(v -> v.rule() != null);
    Verdict hue = s.hueVerdicts().get(0);
    assertThat(hue.upheld()).isTrue();
    // conv1's same-hue control is 33° from 0°: not reproducible across seeds, so not judged
    assertThat(hue.statement()).contains("6 of 7 layers").contains("not reproducible across seeds at conv1");
  }

  @Test
  @DisplayName("C2 fails when the images are not cardinal, when a turned net is as cardinal, or when the nulls rank as high")
  void the_cardinal_verdicts_fail_on_wrong_input() {
    assertThat(summary(NORMAL, TURNED, LAGS, SAME_HUE, 0.95).cardinalBiasVerdicts().get(0).upheld()).isFalse();
    List<Map<String, Double>> asCardinal = List.of(at(2.4, 3.1, 3.0, 4.5, 5.5, 5.1, 3.0));
    assertThat(summary(NORMAL, asCardinal, LAGS, SAME_HUE, 2.13).cardinalBiasVerdicts().get(1).upheld()).isFalse();
    // trained nets no more cardinal than the untrained (1.1) and shuffled (1.2–1.5) nets
    assertThat(upheld(summary(copies(2, 1.0), TURNED, LAGS, SAME_HUE, 2.13).cardinalBiasVerdicts().subList(2, 4))).isFalse();
  }

  @Test
  @DisplayName("C3 fails when the hue-shifted nets did not move, when the pairs disagree, or when too few layers are reproducible")
  void the_hue_verdict_fails_on_wrong_input() {
    List<Map<String, Double>> unmoved = List.of(flat(4), flat(176));
    assertThat(summary(NORMAL, TURNED, unmoved, SAME_HUE, 2.13).hueVerdicts().get(0).upheld()).isFalse();
    // lags of 45° and 135° average to 90° but disagree: spread 45°
    List<Map<String, Double>> disagreeing = List.of(flat(45), flat(135));
    assertThat(summary(NORMAL, TURNED, disagreeing, SAME_HUE, 2.13).hueVerdicts().get(0).upheld()).isFalse();
    // nets trained on the same hues disagree almost everywhere: nothing to judge by
    List<Map<String, Double>> irreproducible = List.of(at(60, 70, 80, 90, 100, 2, 3));
    assertThat(summary(NORMAL, TURNED, LAGS, irreproducible, 2.13).hueVerdicts().get(0).upheld()).isFalse();
  }

  @Test
  @DisplayName("bad sizes are named before any training")
  void bad_sizes_are_named() {
    assertThatThrownBy(() -> new CnnCodes(CnnCodes.embeddedScenes(), 0, 2)).hasMessage("steps must be ≥ 1, got 0");
    assertThatThrownBy(() -> new CnnCodes(CnnCodes.embeddedScenes(), 10, 9)).hasMessage("seeds must be in [1, 8], got 9");
    assertThatThrownBy(() -> new CnnCodes(CnnCodes.embeddedScenes(), 10, 2).controls(3))
        .hasMessage("controls must be in [1, seeds = 2], got 3");
    assertThatThrownBy(() -> new CnnCodes(CnnCodes.embeddedScenes(), 10, 2).nulls(0, 20))
        .hasMessageContaining("must be in [1, 38]");
  }
}
