package io.github.gradsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CpuInfo names the processor and the kernels it runs")
class CpuInfoTest {
  // GIVEN the first processor's block of /proc/cpuinfo on three machines
  static final String ZEN4 = """
      processor	: 0
      vendor_id	: AuthenticAMD
      cpu family	: 25
      model		: 17
      model name	: AMD EPYC 9R14
      flags		: fpu sse4_1 sse4_2 avx fma avx2 avx512f avx512dq avx512bw avx512vl avx512_vnni avx512_bf16 sha_ni

      processor	: 1
      vendor_id	: GenuineIntel
      """;
  static final String HASWELL = """
      vendor_id	: GenuineIntel
      cpu family	: 6
      model		: 63
      model name	: Intel(R) Xeon(R) CPU E5-2680 v3
      flags		: fpu sse4_1 sse4_2 avx fma avx2
      """;
  static final String SANDY_BRIDGE = """
      vendor_id	: GenuineIntel
      cpu family	: 6
      model		: 45
      model name	: Intel(R) Xeon(R) CPU E5-2670
      flags		: fpu sse4_1 sse4_2 avx
      """;

  @Test
  void the_first_processor_is_read_with_the_kernel_features() {
    CpuInfo c = CpuInfo.parse(ZEN4, null, Map.of("L1d", 32, "L2", 1024));
    assertThat(c.vendor()).isEqualTo("AuthenticAMD");
    assertThat(c.family()).isEqualTo(25);
    assertThat(c.model()).isEqualTo(17);
    assertThat(c.modelName()).isEqualTo("AMD EPYC 9R14");
    assertThat(c.features()).containsExactly("avx", "avx2", "avx512_bf16", "avx512_vnni", "avx512bw", "avx512dq", "avx512f",
        "avx512vl", "fma", "sse4_1");
    assertThat(c.cacheKiB()).containsEntry("L2", 1024);
  }

  @Test
  void the_kernel_isa_is_the_highest_level_the_cpu_has_capped_by_the_environment() {
    assertThat(CpuInfo.parse(ZEN4, null, Map.of()).kernelIsa()).isEqualTo("AVX512_CORE_BF16");
    assertThat(CpuInfo.parse(ZEN4, null, Map.of()).maxCpuIsa()).isEqualTo("unset");
    assertThat(CpuInfo.parse(ZEN4, "avx2", Map.of()).kernelIsa()).isEqualTo("AVX2");
    assertThat(CpuInfo.parse(ZEN4, "AVX512_CORE", Map.of()).kernelIsa()).isEqualTo("AVX512_CORE");
    assertThat(CpuInfo.parse(HASWELL, null, Map.of()).kernelIsa()).isEqualTo("AVX2");
    // a cap above what the CPU has leaves the CPU's level
    assertThat(CpuInfo.parse(HASWELL, "AVX512_CORE_BF16", Map.of()).kernelIsa()).isEqualTo("AVX2");
    assertThat(CpuInfo.parse(SANDY_BRIDGE, null, Map.of()).kernelIsa()).isEqualTo("AVX");
    assertThat(CpuInfo.parse(ZEN4, "AVX2_VNNI", Map.of()).kernelIsa()).isEqualTo("unknown (capped by AVX2_VNNI)");
    // ALL is oneDNN's own default: no cap
    assertThat(CpuInfo.parse(ZEN4, "ALL", Map.of()).kernelIsa()).isEqualTo("AVX512_CORE_BF16");
  }

  @Test
  void onednn_is_on_by_default_only_on_cpus_with_neural_network_instructions() {
    CpuInfo zen4 = CpuInfo.parse(ZEN4, null, Map.of());
    CpuInfo haswell = CpuInfo.parse(HASWELL, null, Map.of());
    assertThat(zen4.oneDnnByDefault()).isTrue();
    assertThat(haswell.oneDnnByDefault()).isFalse();
    // unset: TensorFlow's default for the CPU; set: the variable
    assertThat(DeviceReport.oneDnnEnabled(null, zen4)).isTrue();
    assertThat(DeviceReport.oneDnnEnabled(null, haswell)).isFalse();
    assertThat(DeviceReport.oneDnnEnabled("1", haswell)).isTrue();
    assertThat(DeviceReport.oneDnnEnabled("false", zen4)).isFalse();
  }

  @Test
  void this_machine_is_described() {
    CpuInfo c = CpuInfo.current();
    assertThat(c.modelName()).isNotBlank();
    if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
      assertThat(c.vendor()).isNotEqualTo("unknown");
      assertThat(c.kernelIsa()).isNotEqualTo("none");
      // the kernel describes CPU 0's caches in sysfs where it exposes them (some virtual machines do not)
      if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/sys/devices/system/cpu/cpu0/cache"))) {
        assertThat(c.cacheKiB()).containsKey("L1d");
      } else {
        assertThat(c.cacheKiB()).isEmpty();
      }
    }
  }

  @Test
  void deterministic_mode_names_the_variables_it_needs() {
    assertThatThrownBy(() -> CpuInfo.requirePortableKernels(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("export ONEDNN_MAX_CPU_ISA=AVX2 TF_ENABLE_ONEDNN_OPTS=1 TF_OVERRIDE_GLOBAL_THREADPOOL=1")
        .hasMessageContaining("found ONEDNN_MAX_CPU_ISA=(unset), TF_ENABLE_ONEDNN_OPTS=(unset), TF_OVERRIDE_GLOBAL_THREADPOOL=(unset)");
    assertThatThrownBy(() -> CpuInfo.requirePortableKernels(
        Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE", "TF_ENABLE_ONEDNN_OPTS", "1", "TF_OVERRIDE_GLOBAL_THREADPOOL", "1")))
        .hasMessageContaining("found ONEDNN_MAX_CPU_ISA=AVX512_CORE, TF_ENABLE_ONEDNN_OPTS=1");
    assertThatThrownBy(() -> CpuInfo.requirePortableKernels(
        Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "TF_ENABLE_ONEDNN_OPTS", "0", "TF_OVERRIDE_GLOBAL_THREADPOOL", "1")))
        .hasMessageContaining("TF_ENABLE_ONEDNN_OPTS=0");
    assertThatThrownBy(() -> CpuInfo.requirePortableKernels(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "TF_ENABLE_ONEDNN_OPTS", "1")))
        .hasMessageContaining("TF_OVERRIDE_GLOBAL_THREADPOOL=(unset)");
    // unset is not enough: TensorFlow's default depends on the CPU (oneDNN off on a Haswell, on on a Zen 4)
    assertThatThrownBy(() -> CpuInfo.requirePortableKernels(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "TF_OVERRIDE_GLOBAL_THREADPOOL", "1")))
        .hasMessageContaining("TF_ENABLE_ONEDNN_OPTS=(unset)");
    CpuInfo.requirePortableKernels(
        Map.of("ONEDNN_MAX_CPU_ISA", "avx2", "TF_ENABLE_ONEDNN_OPTS", "1", "TF_OVERRIDE_GLOBAL_THREADPOOL", "1"));
  }
}
