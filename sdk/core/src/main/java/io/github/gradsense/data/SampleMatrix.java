package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An immutable {@code rows x cols} matrix of float32 samples, one sample per row (row-major). The
 * form in which data sets are handed to TensorFlow.
 *
 * <pre>{@code
 * SampleMatrix x = SampleMatrix.of(2, 3, new float[] {1, 2, 3, 4, 5, 6});
 * float v = x.get(1, 2);          // 6
 * double[] mean = x.columnMeans();
 * }</pre>
 */
public final class SampleMatrix {
  private final int rows;
  private final int cols;
  private final float[] values;

  private SampleMatrix(int rows, int cols, float[] values) {
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /** A matrix from row-major {@code values} (copied). */
  public static SampleMatrix of(int rows, int cols, float[] values) {
    checkRange("rows", rows, 1, Integer.MAX_VALUE);
    checkRange("cols", cols, 1, Integer.MAX_VALUE);
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "values must hold rows*cols = " + ((long) rows * cols) + " entries, got " + values.length);
    }
    return new SampleMatrix(rows, cols, values.clone());
  }

  /** Takes ownership of {@code values} without copying. */
  static SampleMatrix wrap(int rows, int cols, float[] values) {
    return new SampleMatrix(rows, cols, values);
  }

  /** Number of samples. */
  public int rows() {
    return rows;
  }

  /** Dimension of each sample. */
  public int cols() {
    return cols;
  }

  /** Entry {@code (i, j)}. */
  public float get(int i, int j) {
    return values[i * cols + j];
  }

  /** A copy of sample {@code i}. */
  public float[] row(int i) {
    return Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
  }

  /** A read-only view of the row-major values (no copy). */
  public FloatBuffer buffer() {
    return FloatBuffer.wrap(values).asReadOnlyBuffer();
  }

  /** A copy of the row-major values. */
  public float[] toArray() {
    return values.clone();
  }

  /** Mean of each column, accumulated in double precision. */
  public double[] columnMeans() {
    double[] m = new double[cols];
    for (int i = 0; i < rows; i++) {
      int b = i * cols;
      for (int j = 0; j < cols; j++) {
        m[j] += values[b + j];
      }
    }
    for (int j = 0; j < cols; j++) {
      m[j] /= rows;
    }
    return m;
  }

  /** This matrix with {@code mean} subtracted from every row. */
  public SampleMatrix minus(double[] mean) {
    if (mean.length != cols) {
      throw new IllegalArgumentException("mean has length " + mean.length + ", samples have " + cols);
    }
    float[] out = new float[values.length];
    for (int i = 0; i < rows; i++) {
      int b = i * cols;
      for (int j = 0; j < cols; j++) {
        out[b + j] = (float) (values[b + j] - mean[j]);
      }
    }
    return new SampleMatrix(rows, cols, out);
  }

  @Override
  public String toString() {
    return "SampleMatrix[" + rows + "x" + cols + "]";
  }
}
