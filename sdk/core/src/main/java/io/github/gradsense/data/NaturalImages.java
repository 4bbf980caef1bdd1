package io.github.gradsense.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one setting that says where real photographs are: the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}. When it is set, the
 * folder must exist and hold readable images, otherwise {@link #configured()} fails with a message
 * naming it; when it is not set, the embedded {@link SyntheticScenes} stand in, so no claim is
 * ever skipped.
 *
 * <pre>{@code
 * // GRADSENSE_NATURAL_IMAGES=../shared/data/natural-images/kodak
 * ImageSource source = NaturalImages.configured();
 * }</pre>
 */
public final class NaturalImages {
  /** System property naming the photographs folder. */
  public static final String PROPERTY = "gradsense.naturalImages";
  /** Environment variable naming the photographs folder (used when the property is absent). */
  public static final String ENVIRONMENT = "GRADSENSE_NATURAL_IMAGES";

  private NaturalImages() {}

  /** The configured folder, if the setting is present (not checked). */
  public static Optional<Path> configuredFolder() {
    return resolve(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
  }

  /** The property's value if set, else the environment's: the precedence rule, as a pure function. */
  static Optional<Path> resolve(@Nullable String property, @Nullable String environment) {
    String v = property;
    if (v == null || v.isBlank()) {
      v = environment;
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.trim()));
  }

  /**
   * The photographs folder when configured (checked to exist and to hold images), else the
   * embedded synthetic scenes.
   */
  public static ImageSource configured() {
    return source(configuredFolder());
  }

  /** The source for a setting: the checked folder, or the synthetic scenes when absent. */
  static ImageSource source(Optional<Path> folder) {
    if (folder.isEmpty()) {
      return ImageSource.synthetic();
    }
    Path p = folder.get();
    if (!Files.isDirectory(p) || !Files.isReadable(p)) {
      throw new IllegalStateException(
          "natural images are configured (" + PROPERTY + " / " + ENVIRONMENT + " = " + p + ") but "
              + p.toAbsolutePath() + " is not a readable folder; fix the path or unset the setting to use "
              + "the embedded synthetic scenes");
    }
    FolderImages images = ImageSource.folder(p);
    images.files(); // fails clearly when the folder holds no images
    return images;
  }

  /** True when the configured source is a folder of photographs. */
  public static boolean photographsConfigured() {
    return configuredFolder().isPresent();
  }
}
