package io.github.gradsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

  @Test
  void defaults_are_float32_on_cpu_with_one_inter_op_thread() {
    RuntimeConfig c = RuntimeConfig.defaults();
    assertThat(c.precision()).isEqualTo(Precision.FLOAT32);
    assertThat(c.device()).isEqualTo(Device.CPU);
    assertThat(c.interOpThreads()).isEqualTo(1);
    assertThat(c.intraOpThreads()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void zero_threads_are_rejected_naming_the_field_and_range() {
    assertThatThrownBy(() -> RuntimeConfig.defaults().withThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("intraOpThreads must be in [1, 1024], got 0");
  }

  @Test
  void withers_change_one_field() {
    RuntimeConfig c = RuntimeConfig.defaults().withThreads(3).withPrecision(Precision.FLOAT64);
    assertThat(c.intraOpThreads()).isEqualTo(3);
    assertThat(c.precision()).isEqualTo(Precision.FLOAT64);
    assertThat(c.precision().tensorType().getSimpleName()).isEqualTo("TFloat64");
  }

  @Test
  void the_default_device_follows_the_system_property_and_rejects_other_values() {
    try {
      assertThat(RuntimeConfig.defaults().device()).isEqualTo(Device.CPU);
      System.setProperty(RuntimeConfig.DEVICE_PROPERTY, "GPU");
      assertThat(RuntimeConfig.defaults().device()).isEqualTo(Device.GPU);
      System.setProperty(RuntimeConfig.DEVICE_PROPERTY, "tpu");
      assertThatThrownBy(RuntimeConfig::defaults).hasMessage("system property gradsense.device must be cpu or gpu, got 'tpu'");
    } finally {
      System.clearProperty(RuntimeConfig.DEVICE_PROPERTY);
    }
  }

  @Test
  void deterministic_mode_is_one_thread_on_the_cpu_and_refuses_more() {
    RuntimeConfig d = RuntimeConfig.defaults().withThreads(2).deterministic();
    assertThat(d.portable()).isTrue();
    assertThat(d.intraOpThreads()).isEqualTo(1);
    assertThat(d.interOpThreads()).isEqualTo(1);
    assertThat(d.withPrecision(Precision.FLOAT64).portable()).isTrue();
    assertThatThrownBy(() -> d.withThreads(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deterministic mode runs on the CPU with intraOpThreads = interOpThreads = 1, got 2 and 1 on CPU");
    assertThatThrownBy(() -> d.withDevice(Device.GPU))
        .hasMessage("deterministic mode runs on the CPU with intraOpThreads = interOpThreads = 1, got 1 and 1 on GPU");
  }

  @Test
  void deterministic_defaults_follow_the_system_property() {
    try {
      System.setProperty(RuntimeConfig.DETERMINISTIC_PROPERTY, "true");
      assertThat(RuntimeConfig.defaults().portable()).isTrue();
      System.setProperty(RuntimeConfig.DETERMINISTIC_PROPERTY, "yes");
      assertThatThrownBy(RuntimeConfig::defaults).hasMessage("system property gradsense.deterministic must be true or false, got 'yes'");
    } finally {
      System.clearProperty(RuntimeConfig.DETERMINISTIC_PROPERTY);
    }
  }

  @Test
  void a_deterministic_session_refuses_to_open_without_pinned_kernels() {
    // the test JVM runs with oneDNN on and no ISA cap (the surefire configuration)
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(CpuInfo.MAX_CPU_ISA) == null, "kernels pinned in this JVM");
    assertThatThrownBy(() -> TfSession.float32(RuntimeConfig.defaults().deterministic()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RuntimeConfig.deterministic() needs TensorFlow's CPU kernels pinned");
  }
}
