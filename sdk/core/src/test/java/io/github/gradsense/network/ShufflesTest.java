package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weight-shuffled controls keep each tensor's values and destroy their arrangement. */
class ShufflesTest {
  private static final ParameterValues KERNEL = new ParameterValues("conv1_W", new long[] {2, 2, 3, 5}, range(60));
  private static final ParameterValues DENSE = new ParameterValues("dense1_W", new long[] {4, 6}, range(24));
  private static final ParameterValues BIAS = new ParameterValues("dense1_b", new long[] {6}, range(6));
  private static final List<ParameterValues> TRAINED = List.of(KERNEL, DENSE, BIAS);

  private static double[] range(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return v;
  }

  @Test
  void the_authors_shuffle_permutes_output_channels_at_each_kernel_position() {
    double[] w = Shuffles.authors(TRAINED, 1).get(0).values();
    boolean moved = false;
    for (int pos = 0; pos < 12; pos++) {
      double[] got = Arrays.copyOfRange(w, pos * 5, pos * 5 + 5);
      double[] was = Arrays.copyOfRange(KERNEL.values(), pos * 5, pos * 5 + 5);
      moved |= !Arrays.equals(got, was);
      Arrays.sort(got);
      assertThat(got).as("kernel position %d keeps its values", pos).containsExactly(was);
    }
    assertThat(moved).isTrue();
  }

  @Test
  void the_authors_shuffle_permutes_dense_rows_and_columns() {
    double[] w = Shuffles.authors(TRAINED, 1).get(1).values();
    // each shuffled row is some original row with its columns permuted the same way
    double[] firstRow = Arrays.copyOfRange(w, 0, 6);
    int source = (int) firstRow[0] / 6;
    for (int r = 0; r < 4; r++) {
      int origin = (int) w[r * 6] / 6;
      for (int c = 0; c < 6; c++) {
        assertThat((int) w[r * 6 + c] / 6).isEqualTo(origin);
        assertThat((int) w[r * 6 + c] % 6).isEqualTo((int) firstRow[c] % 6);
      }
    }
    assertThat(source).isBetween(0, 3);
    double[] b = Shuffles.authors(TRAINED, 1).get(2).values();
    Arrays.sort(b);
    assertThat(b).containsExactly(BIAS.values());
  }

  @Test
  void entry_shuffles_keep_each_tensors_values_and_seeds_matter() {
    for (int i = 0; i < 3; i++) {
      double[] shuffled = Shuffles.entries(TRAINED, 5).get(i).values();
      Arrays.sort(shuffled);
      assertThat(shuffled).containsExactly(TRAINED.get(i).values());
      assertThat(Shuffles.entries(TRAINED, 5).get(i).shape()).containsExactly(TRAINED.get(i).shape());
    }
    assertThat(Shuffles.entries(TRAINED, 5)).isEqualTo(Shuffles.entries(TRAINED, 5));
    assertThat(Shuffles.entries(TRAINED, 5)).isNotEqualTo(Shuffles.entries(TRAINED, 6));
    assertThat(Shuffles.authors(TRAINED, 5)).isNotEqualTo(Shuffles.authors(TRAINED, 6));
  }
}
