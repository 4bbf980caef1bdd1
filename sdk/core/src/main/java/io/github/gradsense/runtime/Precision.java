package io.github.gradsense.runtime;

import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Floating-point precision of a graph. {@link #FLOAT32} is the default for training;
 * {@link #FLOAT64} is used by numerical checks (finite differences, closed forms).
 *
 * <pre>{@code
 * RuntimeConfig checks = RuntimeConfig.defaults().withPrecision(Precision.FLOAT64);
 * }</pre>
 */
public enum Precision {
  /** IEEE single precision ({@code TFloat32}). */
  FLOAT32(TFloat32.class),
  /** IEEE double precision ({@code TFloat64}). */
  FLOAT64(TFloat64.class);

  private final Class<? extends TFloating> tensorType;

  Precision(Class<? extends TFloating> tensorType) {
    this.tensorType = tensorType;
  }

  /** The TensorFlow tensor type of this precision. */
  public Class<? extends TFloating> tensorType() {
    return tensorType;
  }
}
