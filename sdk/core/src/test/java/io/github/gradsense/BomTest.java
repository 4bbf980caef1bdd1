package io.github.gradsense;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM has no parent (so it manages only what it lists); its versions must follow the build's. */
class BomTest {

  private static String property(Path pom, String name) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
    assertThat(m.find()).as("%s in %s", name, pom).isTrue();
    return m.group(1).trim();
  }

  @Test
  void the_bom_pins_the_tensorflow_and_project_versions_of_the_build() throws IOException {
    Path root = Path.of("../..").toAbsolutePath().normalize();
    Path bom = root.resolve("sdk/bom/pom.xml");
    Path parent = root.resolve("pom.xml");
    assertThat(property(bom, "tensorflow.version")).isEqualTo(property(parent, "tensorflow.version"));
    assertThat(property(bom, "tensorflow.native.classifier")).isEqualTo(property(parent, "tensorflow.native.classifier"));
    assertThat(property(bom, "version")).isEqualTo(property(parent, "version"));
  }
}
