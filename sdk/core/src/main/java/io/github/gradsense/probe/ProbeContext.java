package io.github.gradsense.probe;

import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.runtime.TfSession;
import org.jspecify.annotations.Nullable;
import org.tensorflow.types.family.TFloating;

/**
 * What a probe can read when it attaches: the session, the network's graph and the data set (absent
 * when a network is probed without training data, e.g. an untrained control).
 *
 * <pre>{@code
 * AttachedProbe a = Probes.modeStrength(5).attach(new ProbeContext<>(session, graph, data));
 * }</pre>
 *
 * @param session the session that owns the graph
 * @param network the network built in it
 * @param data the training data (its PCs and mean), or null
 * @param task the opened training task (for accuracy probes), or null
 * @param <T> the graph's floating-point type
 */
public record ProbeContext<T extends TFloating>(TfSession<T> session, NetworkGraph<T> network, @Nullable Dataset data,
    @Nullable TaskData task) {

  /** A context without a task. */
  public ProbeContext(TfSession<T> session, NetworkGraph<T> network, @Nullable Dataset data) {
    this(session, network, data, null);
  }

  /** The training data; fails naming {@code probe} when there is none. */
  public Dataset requireData(String probe) {
    if (data == null) {
      throw new IllegalArgumentException("probe '" + probe + "' reads the training data's PCs, but none was given");
    }
    return data;
  }
}
