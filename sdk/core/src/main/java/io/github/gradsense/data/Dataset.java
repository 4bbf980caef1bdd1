package io.github.gradsense.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.runtime.Matrix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A built data set: mean-removed samples (absent for a population-only Gaussian), their covariance
 * {@code Σ} and its {@link Pca}, and where the data came from.
 *
 * <p>Training on it sees {@code Σ}: the expected-gradient trainer uses {@link #covariance()}, the
 * mini-batch trainer draws from {@link #samples()}, whose second moment is the same {@code Σ}.
 *
 * <p>A built data set is also a {@link DataSpec} that builds to itself, so one data set (and its
 * PCA) can be shared by several experiments.
 *
 * <pre>{@code
 * Dataset d = Data.naturalPatches(ImageSource.synthetic()).patchSize(16).count(20_000).build();
 * int dim = d.dim();                                    // 256
 * double lambda1 = d.pca().eigenvalues()[0];
 * }</pre>
 */
public final class Dataset implements DataSpec {
  private final String name;
  private final @Nullable SampleMatrix samples;
  private final Matrix covariance;
  private final Pca pca;
  private final List<Source> sources;
  @JsonProperty("recipe")
  private final @Nullable DataSpec recipe;

  /**
   * A data set.
   *
   * @param name short name
   * @param samples mean-removed samples, or null for a population-only data set
   * @param covariance the covariance the trainers see
   * @param pca its decomposition
   * @param sources where the data came from
   * @param recipe the specification that built it, for provenance (null if made by hand)
   */
  public Dataset(String name, @Nullable SampleMatrix samples, Matrix covariance, Pca pca, List<Source> sources,
      @Nullable DataSpec recipe) {
    this.recipe = recipe;
    this.name = Objects.requireNonNull(name, "name");
    this.samples = samples;
    this.covariance = Objects.requireNonNull(covariance, "covariance");
    this.pca = Objects.requireNonNull(pca, "pca");
    this.sources = List.copyOf(sources);
    if (covariance.rows() != pca.dim() || (samples != null && samples.cols() != pca.dim())) {
      throw new IllegalArgumentException("samples, covariance and PCA must share one dimension");
    }
  }

  /** Short name. */
  @Override
  public String name() {
    return name;
  }

  /** Dimension of a sample. */
  @Override
  public int dim() {
    return pca.dim();
  }

  /** This data set itself. */
  @Override
  public Dataset build(io.github.gradsense.runtime.RuntimeConfig config) {
    return this;
  }

  /** Number of samples (0 for a population-only data set). */
  @Override
  public int size() {
    return samples == null ? 0 : samples.rows();
  }

  /** The mean-removed samples, if any. */
  public Optional<SampleMatrix> samples() {
    return Optional.ofNullable(samples);
  }

  /** The covariance {@code Σ} (1/n normalisation). */
  public Matrix covariance() {
    return covariance;
  }

  /** Principal components of {@link #covariance()}. */
  public Pca pca() {
    return pca;
  }

  /** The specification that built this data set, if any. */
  public java.util.Optional<DataSpec> recipe() {
    return java.util.Optional.ofNullable(recipe);
  }

  /** Provenance of the data: images with their SHA-256, or generator parameters. */
  public List<Source> sources() {
    return sources;
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ", dim " + dim() + ", " + size() + " samples]";
  }

  /**
   * Where part of a data set came from.
   *
   * @param name file or generator name
   * @param sha256 SHA-256 of its bytes or generated values
   * @param description free text (size, parameters)
   */
  public record Source(String name, String sha256, String description) {}

  /** What run.json records: the name, dimension and size; the samples are not written. */
  @JsonProperty("description")
  private String jsonDescription() {
    return "data set '" + name + "': dimension " + dim() + ", " + size() + " samples, "
        + (recipe == null ? "built by hand" : "built from its recipe");
  }

  /** Refuses to read a built data set back from JSON. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  private static Dataset fromJson(JsonNode json) {
    JsonNode recipe = json.get("recipe");
    if (recipe != null && !recipe.isNull()) {
      throw new IllegalArgumentException("a built data set (Dataset) cannot be re-run from run.json; its recipe can:"
          + " read the 'recipe' property (type " + recipe.path("type").asText("?") + ") as the DataSpec");
    }
    throw new IllegalArgumentException("a data set built by hand (new Dataset(…)) cannot be re-run from run.json;"
        + " give the experiment a DataSpec such as Data.gaussian(…) (type gaussian) or Data.naturalPatches(…)"
        + " (type natural-patches)");
  }
}
