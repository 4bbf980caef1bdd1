package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlotTest {
  private static final double[] X = {0, 1, 2};

  @Test
  void a_polar_plot_draws_closed_curves_around_the_unit_circle() {
    double[] deg = {0, 90, 180, 270};
    Plot p = Plot.polar("Hue", "√D / mean").polar("trained", deg, new double[] {2, 1, 2, 1});
    assertThat(p.lineNames()).containsExactly("unit circle (the mean)", "trained");
    assertThat(p.png()).startsWith(0x89, 'P', 'N', 'G');
    // a polar line needs a polar plot, and one angle per radius
    assertThatThrownBy(() -> Plot.titled("t", "x", "y").polar("a", deg, new double[4]))
        .hasMessage("'a': polar lines need a plot made by Plot.polar");
    assertThatThrownBy(() -> Plot.polar("t", "r").polar("a", deg, new double[3])).hasMessage("series 'a': 4 angles, 3 radii");
  }

  @Test
  void error_bars_must_be_finite_non_negative_and_one_per_point() {
    Plot p = Plot.titled("CBI by layer", "point", "CBI").xLabels(List.of("conv1", "relu1", "pool1"))
        .line("trained", X, new double[] {1.2, 1.5, 2.0}, new double[] {0.1, 0.2, 0});
    assertThat(p.lineNames()).containsExactly("trained");
    assertThat(p.svg()).isNotEmpty();
    assertThatThrownBy(() -> Plot.titled("t", "x", "y").line("a", X, X, new double[2])).hasMessage("series 'a': y has 3 values, errors 2");
    assertThatThrownBy(() -> Plot.titled("t", "x", "y").line("a", X, X, new double[] {0, -1, 0}))
        .hasMessage("series 'a': error bars must be finite and ≥ 0, got -1.0");
    assertThatThrownBy(() -> Plot.titled("t", "x", "y").line("a", X, new double[] {0, Double.NaN, 1}, new double[3]))
        .hasMessageContaining("needs finite points");
  }

  @Test
  void an_image_statistic_goes_on_its_own_right_axis() {
    Plot p = Plot.titled("Orientation", "θ", "√D / mean").line("trained", X, new double[] {1.2, 0.8, 1.2})
        .onRightAxis("orientation energy", X, new double[] {220, 5, 220}, "energy / uniform");
    assertThat(p.lineNames()).containsExactly("trained", "orientation energy");
    assertThat(p.axisOf("trained")).isZero();
    assertThat(p.axisOf("orientation energy")).isEqualTo(1);
  }
}
