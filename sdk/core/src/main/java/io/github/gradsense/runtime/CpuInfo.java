package io.github.gradsense.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor a computation ran on, as far as it decides TensorFlow's CPU kernels: vendor,
 * family and model, the instruction set oneDNN's just-in-time kernels use, and the cache sizes
 * that blocked matrix products take their tile sizes from. Recorded in every {@code run.json},
 * because two CPU generations run different kernels on the same graph and a trained network then
 * differs in its last bits after the first update, and in more after thousands.
 *
 * <p>{@link #kernelIsa()} is derived, not read from oneDNN (whose query is not exported by
 * TensorFlow's library): the highest of oneDNN's instruction-set levels ({@code SSE41 < AVX <
 * AVX2 < AVX512_CORE < AVX512_CORE_VNNI < AVX512_CORE_BF16 < AVX512_CORE_FP16 < AVX512_CORE_AMX})
 * whose features the CPU reports in {@code /proc/cpuinfo}, capped by {@code ONEDNN_MAX_CPU_ISA}
 * when that is set.
 *
 * <pre>{@code
 * CpuInfo cpu = CpuInfo.current();
 * System.out.println(cpu.modelName() + " family " + cpu.family() + ", kernels " + cpu.kernelIsa());
 * }</pre>
 *
 * @param vendor {@code vendor_id}, e.g. {@code AuthenticAMD}, or {@code unknown}
 * @param family CPU family ({@code cpu family}), or -1
 * @param model CPU model number, or -1
 * @param modelName marketing name
 * @param features the instruction-set features that select oneDNN kernels, sorted
 * @param kernelIsa the oneDNN instruction-set level the kernels use (see above)
 * @param maxCpuIsa the value of {@code ONEDNN_MAX_CPU_ISA}, or {@code unset}
 * @param cacheKiB data and unified cache sizes of CPU 0 by level ({@code L1d}, {@code L2},
 *     {@code L3}), in KiB
 */
public record CpuInfo(
    String vendor, int family, int model, String modelName, List<String> features, String kernelIsa, String maxCpuIsa,
    Map<String, Integer> cacheKiB) {

  /** The environment variable that caps oneDNN's instruction set, read once by TensorFlow. */
  public static final String MAX_CPU_ISA = "ONEDNN_MAX_CPU_ISA";

  /** The environment {@link RuntimeConfig#deterministic()} needs, as a shell would export it. */
  public static final String PORTABLE_ENVIRONMENT = "ONEDNN_MAX_CPU_ISA=AVX2 TF_ENABLE_ONEDNN_OPTS=1 TF_OVERRIDE_GLOBAL_THREADPOOL=1";

  /** oneDNN's levels, lowest first, each with the CPU features it needs beyond the previous one. */
  private static final Map<String, List<String>> LEVELS = levels();

  private static final Set<String> KERNEL_FEATURES = Set.of("sse4_1", "avx", "avx2", "fma", "avx_vnni", "avx512f",
      "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_int8", "amx_bf16");

  /** Copies the collections. */
  public CpuInfo {
    features = List.copyOf(features);
    cacheKiB = Map.copyOf(cacheKiB);
  }

  private static Map<String, List<String>> levels() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("SSE41", List.of("sse4_1"));
    m.put("AVX", List.of("avx"));
    m.put("AVX2", List.of("avx2", "fma"));
    m.put("AVX512_CORE", List.of("avx512f", "avx512bw", "avx512vl", "avx512dq"));
    m.put("AVX512_CORE_VNNI", List.of("avx512_vnni"));
    m.put("AVX512_CORE_BF16", List.of("avx512_bf16"));
    m.put("AVX512_CORE_FP16", List.of("avx512_fp16"));
    m.put("AVX512_CORE_AMX", List.of("amx_tile", "amx_int8", "amx_bf16"));
    return m;
  }

  /**
   * This machine's CPU (Linux: {@code /proc/cpuinfo} and sysfs; elsewhere mostly {@code unknown}),
   * read once per JVM: neither the CPU nor the environment TensorFlow read at load time changes.
   */
  public static CpuInfo current() {
    return Current.CPU;
  }

  private static final class Current {
    static final CpuInfo CPU =
        parse(read(Path.of("/proc/cpuinfo")), System.getenv(MAX_CPU_ISA), caches(Path.of("/sys/devices/system/cpu/cpu0/cache")));
  }

  /**
   * The CPU described by {@code cpuinfo} (the text of {@code /proc/cpuinfo}; only its first
   * processor is read), with {@code maxCpuIsa} the value of {@value #MAX_CPU_ISA} or null.
   */
  static CpuInfo parse(String cpuinfo, String maxCpuIsa, Map<String, Integer> caches) {
    String vendor = "unknown";
    int family = -1;
    int model = -1;
    String name = System.getProperty("os.arch", "unknown");
    Set<String> flags = new TreeSet<>();
    for (String line : cpuinfo.split("\n")) {
      if (line.isBlank()) {
        break;      // the first processor's block ends here
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "vendor_id" -> vendor = value;
        case "cpu family" -> family = parseInt(value);
        case "model" -> model = parseInt(value);
        case "model name" -> name = value;
        case "flags" -> flags.addAll(List.of(value.split("\\s+")));
        default -> { }
      }
    }
    List<String> features = new ArrayList<>();
    for (String f : flags) {
      if (KERNEL_FEATURES.contains(f)) {
        features.add(f);
      }
    }
    String cap = maxCpuIsa == null || maxCpuIsa.isBlank() ? null : maxCpuIsa.trim().toUpperCase(Locale.ROOT);
    // ALL (oneDNN's own default) caps nothing
    String isa = cap == null || cap.equals("ALL") || knownLevel(cap) ? isa(flags, cap) : "unknown (capped by " + cap + ")";
    return new CpuInfo(vendor, family, model, name, features, isa, cap == null ? "unset" : cap, caches);
  }

  /** The highest level whose features (and every lower level's) {@code flags} has, up to {@code cap}. */
  static String isa(Set<String> flags, String cap) {
    String best = "none";
    for (Map.Entry<String, List<String>> level : LEVELS.entrySet()) {
      if (!flags.containsAll(level.getValue())) {
        break;
      }
      best = level.getKey();
      if (level.getKey().equals(cap)) {
        break;
      }
    }
    return best;
  }

  /**
   * Fails unless the environment pins TensorFlow's CPU kernels to the portable set that
   * {@link RuntimeConfig#deterministic()} promises: {@code ONEDNN_MAX_CPU_ISA=AVX2} (the same
   * just-in-time kernels on every x86-64 CPU with AVX2 and FMA, Intel since 2013 and AMD since
   * 2015), oneDNN's graph rewrites on ({@code TF_ENABLE_ONEDNN_OPTS=1}, explicitly: unset, TensorFlow
   * turns them on only for some CPUs, see {@link #oneDnnByDefault()}), so that every machine takes the same path; off, the same portability was measured at 1.6× the
   * time) and {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} (the session's own one-thread pool, not one
   * shared with the process's other sessions). TensorFlow reads them once, when its library loads,
   * so they must be set before the JVM starts.
   *
   * @param env the process environment ({@link System#getenv()})
   */
  public static void requirePortableKernels(Map<String, String> env) {
    String isa = env.get(MAX_CPU_ISA);
    String opts = env.get("TF_ENABLE_ONEDNN_OPTS");
    boolean isaOk = isa != null && isa.trim().equalsIgnoreCase("AVX2");
    // explicit: unset, TensorFlow turns oneDNN on only for CPUs with VNNI, BF16 or AMX (see oneDnnByDefault)
    boolean optsOk = opts != null && (opts.trim().equals("1") || opts.trim().equalsIgnoreCase("true"));
    String pools = env.get(TfSession.PER_SESSION_POOLS);
    boolean poolsOk = pools != null && (pools.trim().equals("1") || pools.trim().equalsIgnoreCase("true"));
    if (!isaOk || !optsOk || !poolsOk) {
      throw new IllegalStateException("RuntimeConfig.deterministic() needs TensorFlow's CPU kernels pinned before the JVM "
          + "starts (TensorFlow reads them once, when it loads): export " + PORTABLE_ENVIRONMENT + "; found "
          + MAX_CPU_ISA + "=" + (isa == null ? "(unset)" : isa) + ", TF_ENABLE_ONEDNN_OPTS="
          + (opts == null ? "(unset)" : opts) + ", " + TfSession.PER_SESSION_POOLS + "="
          + (pools == null ? "(unset)" : pools));
    }
    CpuInfo cpu = current();
    if (!cpu.vendor().equals("unknown") && !cpu.features().containsAll(List.of("avx2", "fma"))) {
      throw new IllegalStateException("RuntimeConfig.deterministic() pins AVX2 kernels, but this CPU (" + cpu.modelName()
          + ") reports no AVX2 and FMA; its features: " + cpu.features());
    }
  }

  /**
   * Whether TensorFlow (2.9 and later, x86-64 Linux) turns its oneDNN rewrites on when
   * {@code TF_ENABLE_ONEDNN_OPTS} is unset: only on CPUs with neural-network instructions,
   * {@code avx512_vnni}, {@code avx512_bf16}, {@code avx_vnni} or AMX ({@code IsMKLEnabled} in
   * TensorFlow's {@code util.cc}). On a Zen 4 it does; on a Haswell or a Zen 3 it does not.
   */
  public boolean oneDnnByDefault() {
    return features.stream().anyMatch(f -> f.equals("avx512_vnni") || f.equals("avx512_bf16") || f.equals("avx_vnni")
        || f.startsWith("amx_"));
  }

  /** Whether {@code value} is one of oneDNN's instruction-set levels that this class knows. */
  static boolean knownLevel(String value) {
    return LEVELS.containsKey(value.toUpperCase(Locale.ROOT));
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | SecurityException e) {
      return "";
    }
  }

  /** {@code L1d}, {@code L2}, {@code L3} sizes in KiB from sysfs' {@code index*} folders. */
  static Map<String, Integer> caches(Path dir) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      Path idx = dir.resolve("index" + i);
      String level = read(idx.resolve("level")).trim();
      String type = read(idx.resolve("type")).trim();
      String size = read(idx.resolve("size")).trim();
      if (level.isEmpty() || size.isEmpty() || type.equals("Instruction")) {
        continue;
      }
      int kib = size.endsWith("K") ? parseInt(size.substring(0, size.length() - 1))
          : size.endsWith("M") ? 1024 * parseInt(size.substring(0, size.length() - 1)) : parseInt(size);
      out.put("L" + level + (level.equals("1") ? "d" : ""), kib);
    }
    return out;
  }
}
