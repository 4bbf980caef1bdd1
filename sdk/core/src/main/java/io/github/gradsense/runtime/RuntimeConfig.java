package io.github.gradsense.runtime;

import static io.github.gradsense.runtime.Checks.checkRange;

import java.util.Objects;

/**
 * How a {@link TfSession} runs: precision, thread counts and device.
 *
 * <p>Bitwise reproducibility holds for equal configurations: TensorFlow's reductions give
 * different rounding with a different number of intra-op threads, so the thread count is part of
 * every run's provenance. The default uses every available processor for intra-op work and one
 * inter-op thread.
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.defaults().withThreads(2).withPrecision(Precision.FLOAT64);
 * }</pre>
 *
 * @param precision floating-point precision of every graph built under this configuration
 * @param intraOpThreads threads inside one kernel (GEMM etc.), in [1, 1024]
 * @param interOpThreads kernels run concurrently, in [1, 1024]
 * @param device CPU or GPU
 */
public record RuntimeConfig(Precision precision, int intraOpThreads, int interOpThreads, Device device) {

  /** Validates every field; messages name the field and its allowed range. */
  public RuntimeConfig {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(device, "device");
    checkRange("intraOpThreads", intraOpThreads, 1, 1024);
    checkRange("interOpThreads", interOpThreads, 1, 1024);
  }

  /** The system property that sets the default device: {@code cpu} (when unset) or {@code gpu}. */
  public static final String DEVICE_PROPERTY = "gradsense.device";

  /**
   * float32, every available processor for intra-op work, one inter-op thread, and the device named
   * by the system property {@value #DEVICE_PROPERTY} ({@code cpu} when unset; {@code gpu} needs the
   * {@code gpu} Maven profile), so that a whole program moves to the GPU with
   * {@code -Dgradsense.device=gpu}.
   */
  public static RuntimeConfig defaults() {
    return new RuntimeConfig(
        Precision.FLOAT32, Math.max(1, java.lang.Runtime.getRuntime().availableProcessors()), 1, defaultDevice());
  }

  private static Device defaultDevice() {
    String d = System.getProperty(DEVICE_PROPERTY, "cpu");
    return switch (d.toLowerCase(java.util.Locale.ROOT)) {
      case "cpu" -> Device.CPU;
      case "gpu" -> Device.GPU;
      default -> throw new IllegalArgumentException(
          "system property " + DEVICE_PROPERTY + " must be cpu or gpu, got '" + d + "'");
    };
  }

  /** This configuration with another precision. */
  public RuntimeConfig withPrecision(Precision newPrecision) {
    return new RuntimeConfig(newPrecision, intraOpThreads, interOpThreads, device);
  }

  /** This configuration with {@code threads} intra-op threads. */
  public RuntimeConfig withThreads(int threads) {
    return new RuntimeConfig(precision, threads, interOpThreads, device);
  }

  /** This configuration on another device. */
  public RuntimeConfig withDevice(Device newDevice) {
    return new RuntimeConfig(precision, intraOpThreads, interOpThreads, newDevice);
  }
}
