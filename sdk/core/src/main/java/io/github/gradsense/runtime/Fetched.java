package io.github.gradsense.runtime;

/**
 * The values fetched by one {@link TfSession.Run}, copied into Java arrays (the tensors are already
 * closed).
 *
 * <pre>{@code
 * Fetched f = session.runner().fetch(loss, weights).run();
 * double loss = f.scalar(0);
 * Matrix w = f.matrix(1);
 * }</pre>
 */
public final class Fetched {
  private final double[][] values;
  private final long[][] shapes;

  Fetched(double[][] values, long[][] shapes) {
    this.values = values;
    this.shapes = shapes;
  }

  /** Number of fetched values. */
  public int size() {
    return values.length;
  }

  /** Fetch {@code i} as row-major doubles. */
  public double[] get(int i) {
    return values[i].clone();
  }

  /** The shape of fetch {@code i}. */
  public long[] shape(int i) {
    return shapes[i].clone();
  }

  /** Fetch {@code i}, which must hold exactly one value. */
  public double scalar(int i) {
    if (values[i].length != 1) {
      throw new IllegalStateException("fetch " + i + " holds " + values[i].length + " values, not 1");
    }
    return values[i][0];
  }

  /** Fetch {@code i} as a matrix; it must have rank 2 (or rank 1, read as one row). */
  public Matrix matrix(int i) {
    long[] s = shapes[i];
    if (s.length == 2) {
      return Matrix.wrap((int) s[0], (int) s[1], values[i].clone());
    }
    if (s.length == 1) {
      return Matrix.wrap(1, (int) s[0], values[i].clone());
    }
    throw new IllegalStateException("fetch " + i + " has rank " + s.length + ", not 2");
  }
}
