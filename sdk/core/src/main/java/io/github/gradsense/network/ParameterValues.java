package io.github.gradsense.network;

import java.util.Arrays;

/**
 * The values of one trainable parameter, with its graph name and shape.
 *
 * <pre>{@code
 * List<ParameterValues> trained = results.finalParameters();
 * long[] shape = trained.get(0).shape();          // e.g. [5, 5, 3, 32] for a first convolution
 * }</pre>
 *
 * @param name the variable's op name
 * @param shape its shape
 * @param values row-major values
 */
public record ParameterValues(String name, long[] shape, double[] values) {

  /** Copies the arrays. */
  public ParameterValues {
    shape = shape.clone();
    values = values.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterValues p && p.name.equals(name) && Arrays.equals(p.shape, shape) && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ParameterValues[" + name + " " + Arrays.toString(shape) + "]";
  }
}
