package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.data.Pca;
import org.jspecify.annotations.Nullable;

/**
 * What a network needs from its experiment when it is built: the input width, the seed of its
 * initial weights, the data's PCs (for aligned initialisers), and whether its variables should be
 * stored in the data's PC basis (the expected-gradient trainer's cheaper, rotation-equivalent form).
 *
 * <pre>{@code
 * NetworkContext ctx = NetworkContext.of(256, 7).withDataBasis(dataset.pca(), false);
 * }</pre>
 *
 * @param inputDim width of an input sample, in [1, 2^24]
 * @param seed seed of the initial weights
 * @param dataBasis the data's PCs, or null
 * @param storeInDataBasis store variables rotated into the PC basis (needs {@code dataBasis})
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
