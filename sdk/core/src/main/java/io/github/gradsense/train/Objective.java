package io.github.gradsense.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a network is trained to do:
 * <ul>
 *   <li>{@link CrossEntropy}: classification, {@code L = −(1/B) Σ_b keep_b · log softmax(z_b)[y_b]};
 *       an example whose label is −1 (the null class) has {@code keep_b = 0} and adds neither loss
 *       nor gradient, but still counts in B (the authors' constant-0 log-probability column,
 *       METHODS §E2);</li>
 *   <li>{@link Reconstruction}: {@code L = mean((y − x)²)} over the batch and every output unit,
 *       the output the same size as the input;</li>
 *   <li>{@link SquaredError}: regression on a task's targets, {@code L = Σ_b ‖y_b − t_b‖²} summed
 *       over the batch and the output units (Shi et al.'s loss, METHODS §F3), or its mean over
 *       both.</li>
 * </ul>
 *
 * <pre>{@code
 * experiment.task(Tasks.whichImage(source)).objective(Objective.crossEntropy());
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code cross-entropy, reconstruction, squared-error}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Objective.CrossEntropy.class, name = "cross-entropy"),
    @JsonSubTypes.Type(value = Objective.Reconstruction.class, name = "reconstruction"),
    @JsonSubTypes.Type(value = Objective.SquaredError.class, name = "squared-error")
})
public sealed interface Objective {

  /** Classification by log-softmax cross-entropy (with a gradient-free null class). */
  static Objective crossEntropy() {
    return new CrossEntropy();
  }

  /** Reconstruction by mean squared error. */
  static Objective reconstruction() {
    return new Reconstruction();
  }

  /** Regression by the squared error summed over the batch and the output units (METHODS §F3). */
  static Objective summedSquaredError() {
    return new SquaredError(true);
  }

  /** Regression by the squared error averaged over the batch and the output units. */
  static Objective meanSquaredError() {
    return new SquaredError(false);
  }

  /** Classification. */
  record CrossEntropy() implements Objective {}

  /** Reconstruction. */
  record Reconstruction() implements Objective {}

  /**
   * Regression on the task's targets.
   *
   * @param summed sum over batch and units (true) or average (false)
   */
  record SquaredError(boolean summed) implements Objective {}
}
