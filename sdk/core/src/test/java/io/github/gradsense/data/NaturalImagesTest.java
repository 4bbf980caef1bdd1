package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NaturalImagesTest {
  @TempDir Path dir;

  @Test
  void the_system_property_wins_over_the_environment() {
    assertThat(NaturalImages.resolve("/a", "/b")).contains(Path.of("/a"));
    assertThat(NaturalImages.resolve(null, "/b")).contains(Path.of("/b"));
    assertThat(NaturalImages.resolve(" ", null)).isEmpty();
  }

  @Test
  void without_a_setting_the_embedded_synthetic_scenes_stand_in() {
    assertThat(NaturalImages.source(Optional.empty())).isInstanceOf(SyntheticScenes.class);
  }

  @Test
  void a_configured_folder_that_is_missing_fails_naming_it_and_the_setting() {
    Path missing = dir.resolve("kodak");
    assertThatThrownBy(() -> NaturalImages.source(Optional.of(missing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(NaturalImages.ENVIRONMENT)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("is not a readable folder");
  }

  @Test
  void a_configured_folder_without_images_fails() {
    assertThatThrownBy(() -> NaturalImages.source(Optional.of(dir)))
        .hasMessageContaining("holds no .png, .jpg or .jpeg files");
  }
}
