package io.github.gradsense.probe;

import org.tensorflow.types.family.TFloating;

/**
 * Something measured on a network while it trains. A probe is an immutable specification; when an
 * experiment starts it {@linkplain #attach attaches} it to the graph (building its ops once), then
 * reads it at every step of its {@link #schedule()}.
 *
 * <pre>{@code
 * Probe p = Probes.singularValues(10).every(100);
 * }</pre>
 */
public interface Probe {

  /** Name of the series this probe writes (a file name: letters, digits and '-'). */
  String name();

  /** When it fires. */
  Schedule schedule();

  /**
   * Checks, before any native work, that this probe fits data of dimension {@code dataDim} and a
   * network with {@code probePoints}; fails with a message naming the field and the allowed values.
   */
  default void check(int dataDim, java.util.List<String> probePoints) {}

  /** Builds this probe's ops; fails before any run if the network or data cannot support it. */
  <T extends TFloating> AttachedProbe attach(ProbeContext<T> context);
}
