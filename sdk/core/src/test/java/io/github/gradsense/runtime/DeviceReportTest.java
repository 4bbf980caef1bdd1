package io.github.gradsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceReportTest {

  @Test
  void the_report_names_versions_device_and_threads() {
    DeviceReport r = DeviceReport.of(RuntimeConfig.defaults().withThreads(2));
    assertThat(r.gradsenseVersion()).isNotEqualTo("unknown");
    assertThat(r.tensorflowJavaVersion()).isEqualTo("1.1.0");
    assertThat(r.tensorflowVersion()).startsWith("2.");
    assertThat(r.device()).isEqualTo("CPU");
    assertThat(r.intraOpThreads()).isEqualTo(2);
    assertThat(r.javaVersion()).isNotBlank();
  }
}
