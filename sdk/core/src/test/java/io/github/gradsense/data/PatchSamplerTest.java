package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {
  private static final List<RgbImage> IMAGES = ImageSource.synthetic().withCount(2).withSize(64).load();

  @Test
  void the_same_seed_cuts_the_same_patches() {
    SampleMatrix a = new PatchSampler(8, 50, true, 4).sample(IMAGES);
    SampleMatrix b = new PatchSampler(8, 50, true, 4).sample(IMAGES);
    assertThat(a.toArray()).containsExactly(b.toArray());
    assertThat(a.rows()).isEqualTo(50);
    assertThat(a.cols()).isEqualTo(64);
    assertThat(new PatchSampler(8, 50, true, 5).sample(IMAGES).toArray()).isNotEqualTo(a.toArray());
  }

  @Test
  void grey_patches_are_the_mean_of_rgb_and_colour_patches_keep_three_channels() {
    RgbImage img = RgbImage.of("one", 2, 2, new float[] {0.3f, 0.6f, 0.9f, 0, 0, 0, 0, 0, 0, 1, 1, 1});
    SampleMatrix grey = new PatchSampler(2, 1, true, 1).sample(List.of(img));
    assertThat(grey.get(0, 0)).isEqualTo((0.3f + 0.6f + 0.9f) / 3f);
    assertThat(grey.get(0, 3)).isEqualTo(1f);
    SampleMatrix colour = new PatchSampler(2, 1, false, 1).sample(List.of(img));
    assertThat(colour.cols()).isEqualTo(12);
    assertThat(colour.row(0)).containsExactly(img.toArray());
  }

  @Test
  void images_smaller_than_a_patch_are_named() {
    assertThatThrownBy(() -> new PatchSampler(128, 1, true, 1).sample(IMAGES))
        .hasMessage("image scene-0000 is 64x64, smaller than the patch size 128");
  }
}
