package io.github.gradsense.train;

import io.github.gradsense.data.SampleMatrix;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The mini-batch {@code X_b = X[idx]} of a sample matrix that stays in the session, and its second
 * moment {@code C = X_bᵀ X_b}, for row indices {@code idx} fed at each step. {@code X} is split
 * once into column blocks {@code X⁽¹⁾ … X⁽ᵏ⁾} of {@code width} columns, each a standing feed of the
 * session (built once, never copied per step); the batch is gathered in the graph block by block,
 * and only the upper block triangle of {@code C} is multiplied:
 * <pre>
 *   C_ij = X_b⁽ⁱ⁾ᵀ X_b⁽ʲ⁾   (i ≤ j),    C_ji = C_ijᵀ,
 * </pre>
 * {@code k(k+1)/2} products of {@code B·width²} instead of one of {@code B·d²}: {@code (k+1)/(2k)}
 * of the FLOPs (9/16 at {@code d = 1024}, width 128), and {@code C} exactly symmetric. Each entry is
 * the same dot product over the batch as in the single product; only the GEMM kernel's blocking of
 * that sum may differ (rounding level).
 *
 * @param <T> the graph's floating-point type
 */
final class BatchMoments<T extends TFloating> {
  /** Column-block width used by {@link LinearTrainer}. */
  static final int WIDTH = 128;

  private final Placeholder<TInt32> index;
  private final List<Operand<T>> blocks;
  private final Operand<T> moment;
  private final int dim;

  private BatchMoments(Placeholder<TInt32> index, List<Operand<T>> blocks, Operand<T> moment, int dim) {
    this.index = index;
    this.blocks = blocks;
    this.moment = moment;
    this.dim = dim;
  }

  /** Builds the resident blocks of {@code x} (widths {@code width}, the last one possibly narrower) and the ops on them. */
  static <T extends TFloating> BatchMoments<T> create(TfSession<T> s, SampleMatrix x, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be positive, got " + width);
    }
    Ops tf = s.tf();
    int n = x.rows();
    int d = x.cols();
    Placeholder<TInt32> index = s.intPlaceholder("batch_index", -1);
    List<Operand<T>> gathered = new ArrayList<>();
    java.nio.FloatBuffer all = x.buffer();
    for (int from = 0; from < d; from += width) {
      int w = Math.min(width, d - from);
      float[] block = new float[n * w];
      for (int r = 0; r < n; r++) {
        all.get(r * d + from, block, r * w, w);
      }
      Operand<T> resident = s.fedConstant("samples_" + from, block, n, w);
      gathered.add(tf.gather(resident, index, tf.constant(0)));
    }
    int k = gathered.size();
    Operand<T>[][] c = newGrid(k);
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        c[i][j] = tf.linalg.matMul(gathered.get(i), gathered.get(j), MatMul.transposeA(true));
        if (j > i) {
          c[j][i] = tf.linalg.transpose(c[i][j], tf.constant(new int[] {1, 0}));
        }
      }
    }
    Operand<T> moment;
    if (k == 1) {
      moment = c[0][0];
    } else {
      List<Operand<T>> rows = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        rows.add(tf.concat(List.of(c[i]), tf.constant(1)));
      }
      moment = tf.concat(rows, tf.constant(0));
    }
    return new BatchMoments<>(index, List.copyOf(gathered), moment, d);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TFloating> Operand<T>[][] newGrid(int k) {
    return (Operand<T>[][]) new Operand<?>[k][k];
  }

  /** The fed row indices {@code idx} (int32, length {@code B}). */
  Placeholder<TInt32> index() {
    return index;
  }

  /** The gathered column blocks {@code X_b⁽ʲ⁾} ({@code B × width} each). */
  List<Operand<T>> batchBlocks() {
    return blocks;
  }

  /** {@code X_b} ({@code B × d}), the blocks side by side (a copy: for checks, not for the step). */
  Operand<T> batch(Ops tf) {
    return blocks.size() == 1 ? blocks.get(0) : tf.concat(blocks, tf.constant(1));
  }

  /** {@code C = X_bᵀ X_b} ({@code d × d}, exactly symmetric). */
  Operand<T> secondMoment() {
    return moment;
  }

  /** The sample dimension {@code d}. */
  int dim() {
    return dim;
  }
}
