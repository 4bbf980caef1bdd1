package io.github.gradsense.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
@JsonIncludeProperties({"name", "shape", "description"})
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

  /** What run.json records: the name and shape, not the values. */
  @JsonProperty("description")
  private String jsonDescription() {
    return values.length + " values given in memory";
  }

  /** Refuses to read parameter values back from JSON. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  private static ParameterValues fromJson(JsonNode json) {
    throw new IllegalArgumentException("parameter values given in memory (Sequential.withParameters) cannot be re-run"
        + " from run.json; give the network without them (initialised by its initializer and initScale) or a"
        + " torchvision network with weights from a file");
  }
}
