package io.github.gradsense.runtime;

import static io.github.gradsense.internal.Checks.checkRange;

import java.util.Arrays;

/**
 * An immutable row-major matrix of doubles: the host-side form of every 2-D array exchanged with
 * TensorFlow (weights, covariances, principal components). Small dense helpers only; heavy linear
 * algebra runs in TensorFlow.
 *
 * <pre>{@code
 * Matrix p = Matrix.of(2, 2, 1, 0, 0, 1);
 * double x = p.get(0, 0);             // 1.0
 * Matrix pt = p.transpose();
 * }</pre>
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final double[] values;

  private Matrix(int rows, int cols, double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /** A {@code rows x cols} matrix from row-major {@code values} (copied). */
  public static Matrix of(int rows, int cols, double... values) {
    checkRange("rows", rows, 0, Integer.MAX_VALUE);
    checkRange("cols", cols, 0, Integer.MAX_VALUE);
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "values must hold rows*cols = " + ((long) rows * cols) + " entries, got " + values.length);
    }
    return new Matrix(rows, cols, values.clone());
  }

  /** A matrix whose row {@code i} is {@code rowsOf[i]} (copied); all rows must have one length. */
  public static Matrix ofRows(double[][] rowsOf) {
    int r = rowsOf.length;
    int c = r == 0 ? 0 : rowsOf[0].length;
    double[] v = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (rowsOf[i].length != c) {
        throw new IllegalArgumentException(
            "rows must all have length " + c + ", row " + i + " has " + rowsOf[i].length);
      }
      System.arraycopy(rowsOf[i], 0, v, i * c, c);
    }
    return new Matrix(r, c, v);
  }

  /** Wraps {@code values} without copying; for callers that hand over ownership. */
  static Matrix wrap(int rows, int cols, double[] values) {
    return new Matrix(rows, cols, values);
  }

  /** The {@code n x n} identity. */
  public static Matrix identity(int n) {
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1;
    }
    return new Matrix(n, n, v);
  }

  /** A {@code rows x cols} matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    return new Matrix(rows, cols, new double[rows * cols]);
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns. */
  public int cols() {
    return cols;
  }

  /** Entry {@code (i, j)}. */
  public double get(int i, int j) {
    return values[i * cols + j];
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    return Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
  }

  /** A copy of column {@code j}. */
  public double[] column(int j) {
    double[] c = new double[rows];
    for (int i = 0; i < rows; i++) {
      c[i] = values[i * cols + j];
    }
    return c;
  }

  /** A copy of the row-major values. */
  public double[] toArray() {
    return values.clone();
  }

  /** The first {@code n} rows. */
  public Matrix topRows(int n) {
    checkRange("n", n, 0, rows);
    return new Matrix(n, cols, Arrays.copyOf(values, n * cols));
  }

  /** The transpose. */
  public Matrix transpose() {
    double[] t = new double[values.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = values[i * cols + j];
      }
    }
    return new Matrix(cols, rows, t);
  }

  /** The product {@code this · other} in double precision (for references and small matrices). */
  public Matrix times(Matrix other) {
    if (cols != other.rows) {
      throw new IllegalArgumentException(
          "inner dimensions differ: " + rows + "x" + cols + " times " + other.rows + "x" + other.cols);
    }
    double[] out = new double[rows * other.cols];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < cols; k++) {
        double a = values[i * cols + k];
        if (a == 0) {
          continue;
        }
        int ob = k * other.cols;
        int rb = i * other.cols;
        for (int j = 0; j < other.cols; j++) {
          out[rb + j] += a * other.values[ob + j];
        }
      }
    }
    return new Matrix(rows, other.cols, out);
  }

  /** {@code this · v}. */
  public double[] times(double[] v) {
    if (v.length != cols) {
      throw new IllegalArgumentException("vector length " + v.length + " != cols " + cols);
    }
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += values[i * cols + j] * v[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** {@code this} scaled by {@code s}. */
  public Matrix scale(double s) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= s;
    }
    return new Matrix(rows, cols, out);
  }

  /** The diagonal (of the leading square block). */
  public double[] diagonal() {
    int n = Math.min(rows, cols);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = values[i * cols + i];
    }
    return d;
  }

  /** Largest absolute entry-wise difference to {@code other} (same shape). */
  public double maxAbsDifference(Matrix other) {
    if (rows != other.rows || cols != other.cols) {
      throw new IllegalArgumentException("shapes differ");
    }
    double m = 0;
    for (int i = 0; i < values.length; i++) {
      m = Math.max(m, Math.abs(values[i] - other.values[i]));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Matrix[" + rows + "x" + cols + "]";
  }
}
