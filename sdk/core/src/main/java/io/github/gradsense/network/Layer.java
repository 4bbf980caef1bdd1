package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One layer of a {@link Sequential} network. Each layer's output is a named probe point
 * ({@code conv1}, {@code relu2}, {@code maxpool1}, {@code dense1}, …; the last one is also
 * {@code output}).
 *
 * <pre>{@code
 * Sequential cnn = Networks.sequential(32, 32, 3).conv(32, 5).relu().maxPool(2).flatten().dense(10);
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code conv2d, dense, pool, activation, batch-norm, flatten}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Layer.Conv2d.class, name = "conv2d"),
    @JsonSubTypes.Type(value = Layer.Dense.class, name = "dense"),
    @JsonSubTypes.Type(value = Layer.Pool.class, name = "pool"),
    @JsonSubTypes.Type(value = Layer.Activation.class, name = "activation"),
    @JsonSubTypes.Type(value = Layer.BatchNorm.class, name = "batch-norm"),
    @JsonSubTypes.Type(value = Layer.Flatten.class, name = "flatten")
})
public sealed interface Layer {

  /** The probe-point prefix of this kind of layer ({@code conv}, {@code relu}, …). */
  String kind();

  /** Padding of convolutions and pools. */
  enum Padding {
    /** No padding: output side {@code (H − k)/s + 1}. */
    VALID,
    /** Zero padding: output side {@code ⌈H/s⌉}. */
    SAME
  }

  /**
   * A 2-D convolution with {@code filters} kernels of {@code kernel × kernel}, stride
   * {@code stride}, optional bias.
   *
   * @param filters output channels, in [1, 65536]
   * @param kernel kernel side, in [1, 1024]
   * @param stride stride, in [1, 1024]
   * @param padding VALID or SAME
   * @param bias whether a bias is added
   */
  record Conv2d(int filters, int kernel, int stride, Padding padding, boolean bias) implements Layer {
    /** Validates the fields. */
    public Conv2d {
      checkRange("filters", filters, 1, 65_536);
      checkRange("kernel", kernel, 1, 1024);
      checkRange("stride", stride, 1, 1024);
      Objects.requireNonNull(padding, "padding");
    }

    @Override
    public String kind() {
      return "conv";
    }
  }

  /**
   * A fully connected layer of {@code units} outputs, optional bias; flattens its input.
   *
   * @param units outputs, in [1, 2^24]
   * @param bias whether a bias is added
   */
  record Dense(int units, boolean bias) implements Layer {
    /** Validates the fields. */
    public Dense {
      checkRange("units", units, 1, 1 << 24);
    }

    @Override
    public String kind() {
      return "dense";
    }
  }

  /**
   * Max or average pooling over {@code size × size} windows with stride {@code stride}
   * (overlapping when {@code stride < size}).
   *
   * @param max max pooling if true, else average
   * @param size window side, in [1, 1024]
   * @param stride stride, in [1, 1024]
   * @param padding VALID or SAME
   */
  record Pool(boolean max, int size, int stride, Padding padding) implements Layer {
    /** Validates the fields. */
    public Pool {
      checkRange("size", size, 1, 1024);
      checkRange("stride", stride, 1, 1024);
      Objects.requireNonNull(padding, "padding");
    }

    @Override
    public String kind() {
      return max ? "maxpool" : "avgpool";
    }
  }

  /**
   * An element-wise nonlinearity.
   *
   * @param function ReLU or tanh
   */
  record Activation(Function function) implements Layer {
    /** The nonlinearities. */
    public enum Function {
      /** {@code max(0, x)}. */
      RELU,
      /** {@code tanh(x)}. */
      TANH
    }

    /** Validates the field. */
    public Activation {
      Objects.requireNonNull(function, "function");
    }

    @Override
    public String kind() {
      return function == Function.RELU ? "relu" : "tanh";
    }
  }

  /**
   * Batch normalisation in inference form, per channel (last axis):
   * {@code y = γ (x − μ) / √(σ² + ε) + β}, with γ (init 1) and β (init 0) trained and the running
   * statistics fixed at μ = 0, σ² = 1 (a freshly initialised BatchNorm in evaluation mode).
   *
   * @param epsilon ε, in (0, 1]
   */
  record BatchNorm(double epsilon) implements Layer {
    /** Validates ε. */
    public BatchNorm {
      if (!(epsilon > 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("epsilon must be in (0, 1], got " + epsilon);
      }
    }

    @Override
    public String kind() {
      return "batchnorm";
    }
  }

  /** Flattens each sample to a vector. */
  record Flatten() implements Layer {
    @Override
    public String kind() {
      return "flatten";
    }
  }
}
