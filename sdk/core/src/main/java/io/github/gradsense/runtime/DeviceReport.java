package io.github.gradsense.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.Loader;
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
 * @param intraOpThreads intra-op threads
 * @param interOpThreads inter-op threads
 * @param oneDnn whether {@code TF_ENABLE_ONEDNN_OPTS=1} was set (oneDNN CPU kernels)
 * @param javaVersion the JVM's version
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param availableProcessors processors visible to the JVM
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
    String javaVersion,
    String os,
    String arch,
    int availableProcessors) {

  private static final AtomicBoolean WARNED = new AtomicBoolean();
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
        config.intraOpThreads(),
        config.interOpThreads(),
        oneDnnEnabled(),
        System.getProperty("java.version", "unknown"),
        System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", ""),
        System.getProperty("os.arch", "unknown"),
        java.lang.Runtime.getRuntime().availableProcessors());
  }

  /** This SDK's version. */
  public static String sdkVersion() {
    return VERSIONS.getProperty("gradsense.version", "unknown");
  }

  /** Whether oneDNN CPU kernels were requested through {@code TF_ENABLE_ONEDNN_OPTS=1}. */
  public static boolean oneDnnEnabled() {
    String v = System.getenv("TF_ENABLE_ONEDNN_OPTS");
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  /**
   * Logs once per JVM that TensorFlow's CPU GEMM runs about 2x slower without oneDNN on CPUs that
   * lack AVX-512 (TensorFlow reads the variable before Java can set it).
   */
  static void warnIfSlowCpuKernels() {
    if (System.getenv("TF_ENABLE_ONEDNN_OPTS") == null && WARNED.compareAndSet(false, true)) {
      TfSession.log().log(System.Logger.Level.INFO,
          "TF_ENABLE_ONEDNN_OPTS is not set: float32 matrix products may run about 2x slower on CPUs "
              + "without AVX-512; export TF_ENABLE_ONEDNN_OPTS=1 before starting the JVM");
    }
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
