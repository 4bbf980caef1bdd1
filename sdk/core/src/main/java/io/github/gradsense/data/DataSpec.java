package io.github.gradsense.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.gradsense.runtime.RuntimeConfig;

/**
 * A recipe for a {@link Dataset}: an immutable record that {@linkplain #build(RuntimeConfig) builds}
 * the same data every time (its seed is part of it), and is written into every run's provenance.
 *
 * <pre>{@code
 * DataSpec spec = Data.gaussian(Spectrum.powerLaw(16, 1.0, 1.0)).withSamples(20_000);
 * Dataset data = spec.build(RuntimeConfig.defaults());
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code gaussian, natural-patches, dataset}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GaussianData.class, name = "gaussian"),
    @JsonSubTypes.Type(value = NaturalPatches.class, name = "natural-patches"),
    @JsonSubTypes.Type(value = Dataset.class, name = "dataset")
})
public interface DataSpec {

  /** A short name for reports and file names. */
  String name();

  /** Dimension of a sample, known without building. */
  int dim();

  /** Number of samples the built data set will hold (0 for a population only). */
  int size();

  /** Builds the data set (PCA included). Deterministic. */
  Dataset build(RuntimeConfig config);
}
