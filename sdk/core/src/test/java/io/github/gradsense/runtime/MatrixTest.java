package io.github.gradsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {

  @Test
  void products_and_transposes() {
    Matrix a = Matrix.of(2, 2, 1, 2, 3, 4);
    assertThat(a.times(Matrix.identity(2))).isEqualTo(a);
    assertThat(a.transpose().toArray()).containsExactly(1, 3, 2, 4);
    assertThat(a.times(new double[] {1, 1})).containsExactly(3, 7);
    assertThat(a.diagonal()).containsExactly(1, 4);
    assertThat(a.scale(2).get(1, 1)).isEqualTo(8);
  }

  @Test
  void values_must_fill_the_shape() {
    assertThatThrownBy(() -> Matrix.of(2, 2, 1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values must hold rows*cols = 4 entries, got 3");
  }

  @Test
  void inner_dimensions_must_agree() {
    assertThatThrownBy(() -> Matrix.identity(2).times(Matrix.identity(3)))
        .hasMessageContaining("inner dimensions differ");
  }
}
