package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.runtime.LinearAlgebra;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression tasks: the hierarchy's spectrum, the teacher's prescribed spectrum, and their batches. */
class RegressionTasksTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults();

  @Test
  void the_hierarchy_has_eight_items_fifteen_tree_features_and_the_papers_spectrum() {
    HierarchyTask tree = Tasks.hierarchy();
    Matrix y = tree.targets();
    assertThat(y.rows()).isEqualTo(8);
    assertThat(y.cols()).isEqualTo(15);
    // feature 0 is shared by all items; features 1-2 by the halves; 7-14 are one per item
    assertThat(y.column(0)).containsOnly(1.0);
    assertThat(y.column(1)).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
    assertThat(y.column(14)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
    double[] s = LinearAlgebra.svd(tree.correlation(), CONFIG).s();
    // METHODS §F2: 3.87, 2.65, 1.73 (×2), 1.0 (×4), i.e. √15, √7, √3, 1
    assertThat(s).containsExactly(new double[] {Math.sqrt(15), Math.sqrt(7), Math.sqrt(3), Math.sqrt(3), 1, 1, 1, 1},
        within(1e-12));
  }

  @Test
  void a_teacher_has_exactly_the_prescribed_singular_values() {
    TeacherTask t = Tasks.teacher(12, 8, 4.0, 2.0, 1.0, 0.5);
    double[] s = LinearAlgebra.svd(t.correlation(), CONFIG).s();
    assertThat(Arrays.copyOf(s, 4)).containsExactly(new double[] {4, 2, 1, 0.5}, within(1e-12));
    assertThat(Arrays.stream(s, 4, s.length).max().orElse(0)).isLessThan(1e-12);
    assertThat(t.seed(2).map().maxAbsDifference(t.map())).as("another seed, other singular vectors").isGreaterThan(0.1);
  }

  @Test
  void a_full_batch_is_every_item_in_order_and_a_smaller_one_a_seeded_subset() {
    RegressionData d = (RegressionData) Tasks.hierarchy().open(CONFIG);
    Batch all = d.batch(3, 17, 8);
    assertThat(all.size()).isEqualTo(8);
    assertThat(all.targets()).hasSize(8 * 15);
    for (int i = 0; i < 8; i++) {
      assertThat(all.inputs()[i * 8 + i]).isEqualTo(1f);
    }
    Batch some = d.batch(3, 17, 3);
    assertThat(some.inputs()).isEqualTo(d.batch(3, 17, 3).inputs());
    assertThat(some.inputs()).isNotEqualTo(d.batch(3, 18, 3).inputs());
    // three distinct one-hot items
    int[] items = new int[3];
    for (int b = 0; b < 3; b++) {
      for (int j = 0; j < 8; j++) {
        if (some.inputs()[b * 8 + j] == 1f) {
          items[b] = j;
        }
      }
    }
    assertThat(Arrays.stream(items).distinct().count()).isEqualTo(3);
    assertThatThrownBy(() -> d.batch(0, 0, 9)).hasMessageContaining("batch must be in [1, 8]");
  }

  @Test
  void bad_teacher_fields_are_named() {
    assertThatThrownBy(() -> new TeacherTask(4, 3, List.of(1.0, 2.0, 3.0, 4.0), 1))
        .hasMessageContaining("singularValues.size()");
    assertThatThrownBy(() -> Tasks.teacher(4, 3, 1.0, -2.0)).hasMessageContaining("singularValues[1]");
    assertThatThrownBy(() -> new HierarchyTask(0)).hasMessageContaining("levels");
  }
}
