package io.github.gradsense.probe;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.tensorflow.types.family.TFloating;

/**
 * Something measured on a network while it trains. A probe is an immutable specification; when an
 * experiment starts it {@linkplain #attach attaches} it to the graph (building its ops once), then
 * reads it at every step of its {@link #schedule()}.
 *
 * <pre>{@code
 * Probe p = Probes.singularValues(10).every(100);          // or .logSpaced(40), .on(Schedule.at(0, 10, 100))
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code accuracy, loss, mode-strength, pathway-share, pc-sensitivity, proportion-learned, sensitivity, singular-values}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Accuracy.class, name = "accuracy"),
    @JsonSubTypes.Type(value = DataLoss.class, name = "loss"),
    @JsonSubTypes.Type(value = ModeStrength.class, name = "mode-strength"),
    @JsonSubTypes.Type(value = PathwayShare.class, name = "pathway-share"),
    @JsonSubTypes.Type(value = PcSensitivity.class, name = "pc-sensitivity"),
    @JsonSubTypes.Type(value = ProportionLearned.class, name = "proportion-learned"),
    @JsonSubTypes.Type(value = Sensitivity.class, name = "sensitivity"),
    @JsonSubTypes.Type(value = SingularValues.class, name = "singular-values")
})
public interface Probe {

  /** Name of the series this probe writes (a file name: letters, digits and '-'). */
  String name();

  /** When it fires. */
  Schedule schedule();

  /** This probe, read on {@code when}'s steps (step 0 is the network as initialised). */
  Probe on(Schedule when);

  /** This probe, read every {@code n} steps: {@code on(Schedule.every(n))}. */
  default Probe every(long n) {
    return on(Schedule.every(n));
  }

  /** This probe, read at about {@code count} log-spaced steps: {@code on(Schedule.logSpaced(count))}. */
  default Probe logSpaced(int count) {
    return on(Schedule.logSpaced(count));
  }

  /**
   * Checks, before any native work, that this probe fits data of dimension {@code dataDim} and a
   * network with {@code probePoints}; fails with a message naming the field and the allowed values.
   */
  default void check(int dataDim, java.util.List<String> probePoints) {}

  /** Builds this probe's ops; fails before any run if the network or data cannot support it. */
  <T extends TFloating> AttachedProbe attach(ProbeContext<T> context);
}
