package io.github.gradsense.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.jspecify.annotations.Nullable;
import org.tensorflow.TensorFlow;

/**
 * What ran a computation: library versions, device, threads and CPU-kernel settings. Recorded in
 * every run's provenance ({@code run.json}).
 *
 * <pre>{@code
 * DeviceReport r = DeviceReport.of(RuntimeConfig.defaults());
 * System.out.println(r.device() + " TF " + r.tensorflowVersion());
 * }</pre>
 *
 * @param gradsenseVersion version of this SDK
 * @param tensorflowVersion version of the native TensorFlow runtime
 * @param tensorflowJavaVersion version of TensorFlow Java
 * @param nativeClassifier the TensorFlow native classifier this SDK was built against
 * @param device requested device, {@code CPU} or {@code GPU:0}
 * @param gpuNativesLoaded whether CUDA libraries were loaded by the native runtime
 * @param precision floating-point precision
 * @param intraOpThreads intra-op threads the computation ran with ({@link TfSession#effectiveIntraOpThreads})
 * @param interOpThreads inter-op threads
 * @param oneDnn whether TensorFlow rewrites CPU graphs to oneDNN primitives ({@link #oneDnnEnabled()})
 * @param deterministic whether the run used {@link RuntimeConfig#deterministic()}
 * @param javaVersion the JVM's version
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param availableProcessors processors visible to the JVM
 * @param cpu the processor and the kernel instruction set ({@link CpuInfo})
 */
public record DeviceReport(
    String gradsenseVersion,
    String tensorflowVersion,
    String tensorflowJavaVersion,
    String nativeClassifier,
    String device,
    boolean gpuNativesLoaded,
    Precision precision,
    int intraOpThreads,
    int interOpThreads,
    boolean oneDnn,
    boolean deterministic,
    String javaVersion,
    String os,
    String arch,
    int availableProcessors,
    CpuInfo cpu) {

  private static final Properties VERSIONS = loadVersions();

  /** The report for {@code config} on this machine. */
  public static DeviceReport of(RuntimeConfig config) {
    boolean cuda = Loader.getLoadedLibraries().keySet().stream().anyMatch(k -> k.toLowerCase().contains("cuda"));
    return new DeviceReport(
        sdkVersion(),
        TensorFlow.version(),
        VERSIONS.getProperty("tensorflow.java.version", "unknown"),
        VERSIONS.getProperty("tensorflow.native.classifier", "unknown"),
        config.device() == Device.GPU ? "GPU:0" : "CPU",
        cuda,
        config.precision(),
        TfSession.effectiveIntraOpThreads(config),
        config.interOpThreads(),
        oneDnnEnabled(),
        config.portable(),
        System.getProperty("java.version", "unknown"),
        System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", ""),
        System.getProperty("os.arch", "unknown"),
        java.lang.Runtime.getRuntime().availableProcessors(),
        CpuInfo.current());
  }

  /** This SDK's version. */
  public static String sdkVersion() {
    return VERSIONS.getProperty("gradsense.version", "unknown");
  }

  /**
   * Whether TensorFlow rewrites CPU graphs to oneDNN primitives: as {@code TF_ENABLE_ONEDNN_OPTS}
   * says when it is set ({@code 1}/{@code true} or {@code 0}/{@code false}); unset, TensorFlow's
   * Linux default (since 2.9), on only for CPUs with neural-network instructions
   * ({@code avx512_vnni}, {@code avx512_bf16}, {@code avx_vnni} or AMX; {@link CpuInfo#oneDnnByDefault()}).
   */
  public static boolean oneDnnEnabled() {
    return oneDnnEnabled(System.getenv("TF_ENABLE_ONEDNN_OPTS"), CpuInfo.current());
  }

  static boolean oneDnnEnabled(@Nullable String opts, CpuInfo cpu) {
    if (opts == null || opts.isBlank()) {
      return cpu.oneDnnByDefault();
    }
    return !(opts.trim().equals("0") || opts.trim().equalsIgnoreCase("false"));
  }

  private static Properties loadVersions() {
    Properties p = new Properties();
    try (InputStream in = DeviceReport.class.getResourceAsStream("/io/github/gradsense/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // versions stay "unknown"
    }
    return p;
  }
}
