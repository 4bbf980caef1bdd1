package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.data.Pca;
import org.jspecify.annotations.Nullable;

/**
 * What a network needs from its experiment when it is built: the input width, the seed of its
 * initial weights, the data's PCs (for aligned initialisers), and whether a linear network should
 * keep its outer factors in the data's PC coordinates ({@code W̃ = W Pᵀ} at the input, {@code P W} at
 * the output: the same map {@code M}, another representation of it, which whoever trains the network
 * may ask for).
 *
 * <pre>{@code
 * NetworkContext ctx = NetworkContext.of(256, 7).withDataBasis(dataset.pca(), false);
 * }</pre>
 *
 * @param inputDim width of an input sample, in [1, 2^24]
 * @param seed seed of the initial weights
 * @param dataBasis the data's PCs, or null
 * @param storeInDataBasis keep the outer factors in the data's PC coordinates (needs {@code dataBasis})
 */
public record NetworkContext(int inputDim, long seed, @Nullable Pca dataBasis, boolean storeInDataBasis) {

  /** Validates the fields. */
  public NetworkContext {
    checkRange("inputDim", inputDim, 1, 1 << 24);
    if (storeInDataBasis && dataBasis == null) {
      throw new IllegalArgumentException("storeInDataBasis needs dataBasis");
    }
    if (dataBasis != null && dataBasis.dim() != inputDim) {
      throw new IllegalArgumentException(
          "dataBasis has dimension " + dataBasis.dim() + " but inputDim is " + inputDim);
    }
  }

  /** A context without data basis. */
  public static NetworkContext of(int inputDim, long seed) {
    return new NetworkContext(inputDim, seed, null, false);
  }

  /** This context with the data's PCs. */
  public NetworkContext withDataBasis(Pca pca, boolean store) {
    return new NetworkContext(inputDim, seed, pca, store);
  }
}
