package io.github.gradsense.runtime;

import static io.github.gradsense.internal.Checks.checkRange;

import java.util.Objects;

/**
 * How a {@link TfSession} runs: precision, thread counts, device, and whether the run must be
 * bit-identical on other CPUs too.
 *
 * <p>What holds (measured, see the README's "Reproducibility"): the same configuration and seed
 * give the same bits run after run and JVM after JVM on one machine kind (same CPU model), with
 * any thread count. A different intra-op thread count, oneDNN on or off, or another CPU
 * generation changes the summation order of reductions and products, and so the last bits of
 * every step; after thousands of SGD steps a CNN's weights then differ visibly. The thread count,
 * the kernel settings and the CPU are part of every run's provenance ({@link DeviceReport},
 * {@link CpuInfo}).
 *
 * <p>{@link #deterministic()} removes the machine from that list as far as the SDK can: one
 * intra-op and one inter-op thread in a pool of the session's own, and TensorFlow's CPU kernels
 * pinned to the portable set (oneDNN limited to AVX2), which the session checks before any
 * native work (the kernels are chosen from environment variables read once when TensorFlow
 * loads; {@link CpuInfo#PORTABLE_ENVIRONMENT}). It costs about 1.7× the default's time per CNN
 * step on 2 cores.
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.defaults().withThreads(2).withPrecision(Precision.FLOAT64);
 * RuntimeConfig portable = RuntimeConfig.defaults().deterministic();   // needs ONEDNN_MAX_CPU_ISA=AVX2 in the environment
 * }</pre>
 *
 * @param precision floating-point precision of every graph built under this configuration
 * @param intraOpThreads threads inside one kernel (GEMM etc.), in [1, 1024]; 1 when deterministic
 * @param interOpThreads kernels run concurrently, in [1, 1024]; 1 when deterministic
 * @param device CPU or GPU; CPU when deterministic
 * @param portable whether this is the {@linkplain #deterministic() deterministic} mode: only portable,
 *     single-threaded CPU kernels
 */
public record RuntimeConfig(Precision precision, int intraOpThreads, int interOpThreads, Device device, boolean portable) {

  /** Validates every field; messages name the field and its allowed range. */
  public RuntimeConfig {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(device, "device");
    checkRange("intraOpThreads", intraOpThreads, 1, 1024);
    checkRange("interOpThreads", interOpThreads, 1, 1024);
    if (portable && (intraOpThreads != 1 || interOpThreads != 1 || device != Device.CPU)) {
      throw new IllegalArgumentException("deterministic mode runs on the CPU with intraOpThreads = interOpThreads = 1, got "
          + intraOpThreads + " and " + interOpThreads + " on " + device);
    }
  }

  /** The system property that sets the default device: {@code cpu} (when unset) or {@code gpu}. */
  public static final String DEVICE_PROPERTY = "gradsense.device";

  /** The system property that makes {@link #defaults()} {@linkplain #deterministic() deterministic}: {@code true}. */
  public static final String DETERMINISTIC_PROPERTY = "gradsense.deterministic";

  /**
   * float32, every available processor for intra-op work, one inter-op thread, and the device named
   * by the system property {@value #DEVICE_PROPERTY} ({@code cpu} when unset; {@code gpu} needs the
   * {@code gpu} Maven profile), so that a whole program moves to the GPU with
   * {@code -Dgradsense.device=gpu}; {@linkplain #deterministic() deterministic} when
   * {@value #DETERMINISTIC_PROPERTY} is {@code true}.
   */
  public static RuntimeConfig defaults() {
    RuntimeConfig c = new RuntimeConfig(
        Precision.FLOAT32, Math.max(1, java.lang.Runtime.getRuntime().availableProcessors()), 1, defaultDevice(), false);
    return defaultDeterministic() ? c.deterministic() : c;
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

  private static boolean defaultDeterministic() {
    String d = System.getProperty(DETERMINISTIC_PROPERTY, "false");
    return switch (d.toLowerCase(java.util.Locale.ROOT)) {
      case "false" -> false;
      case "true" -> true;
      default -> throw new IllegalArgumentException(
          "system property " + DETERMINISTIC_PROPERTY + " must be true or false, got '" + d + "'");
    };
  }

  /**
   * This configuration on one intra-op and one inter-op thread of the CPU, with only portable
   * kernels: the same bits on any x86-64 CPU with AVX2 and FMA, for the same seed. Opening a
   * session fails, naming the variables, unless the JVM was started with
   * {@value CpuInfo#PORTABLE_ENVIRONMENT} in its environment.
   */
  public RuntimeConfig deterministic() {
    return new RuntimeConfig(precision, 1, 1, Device.CPU, true);
  }

  /** This configuration with another precision. */
  public RuntimeConfig withPrecision(Precision newPrecision) {
    return new RuntimeConfig(newPrecision, intraOpThreads, interOpThreads, device, portable);
  }

  /** This configuration with {@code threads} intra-op threads; a deterministic configuration accepts only 1. */
  public RuntimeConfig withThreads(int threads) {
    return new RuntimeConfig(precision, threads, interOpThreads, device, portable);
  }

  /** This configuration on another device; a deterministic configuration accepts only the CPU. */
  public RuntimeConfig withDevice(Device newDevice) {
    return new RuntimeConfig(precision, intraOpThreads, interOpThreads, newDevice, portable);
  }
}
