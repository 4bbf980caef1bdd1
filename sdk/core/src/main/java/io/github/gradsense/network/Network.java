package io.github.gradsense.network;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.gradsense.runtime.TfSession;
import org.tensorflow.types.family.TFloating;

/**
 * An immutable network specification that builds its TensorFlow graph on demand. Specifications
 * are records, written into every run's provenance.
 *
 * <pre>{@code
 * Network net = Networks.linearAutoencoder().tied();
 * NetworkGraph<?> g = net.build(session, NetworkContext.of(256, 7));
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code linear-autoencoder, linear-chain, pathways, sequential, torchvision, saved-model}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LinearAutoencoder.class, name = "linear-autoencoder"),
    @JsonSubTypes.Type(value = LinearChain.class, name = "linear-chain"),
    @JsonSubTypes.Type(value = Pathways.class, name = "pathways"),
    @JsonSubTypes.Type(value = Sequential.class, name = "sequential"),
    @JsonSubTypes.Type(value = TorchvisionNetwork.class, name = "torchvision"),
    @JsonSubTypes.Type(value = SavedModelNetwork.class, name = "saved-model")
})
public interface Network {

  /** A short name for reports. */
  String name();

  /** Width of the input this network takes, for data of dimension {@code dataDim}. */
  int inputWidth(int dataDim);

  /** Width of its output, for data of dimension {@code dataDim}. */
  int outputWidth(int dataDim);

  /** Names of its probe points, input side first, the last being {@code "output"}. */
  java.util.List<String> probePoints();

  /** Builds the variables and ops of this network in {@code session}. */
  <T extends TFloating> NetworkGraph<T> build(TfSession<T> session, NetworkContext context);
}
