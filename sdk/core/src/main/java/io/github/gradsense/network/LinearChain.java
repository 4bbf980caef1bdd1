package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.Objects;
import org.tensorflow.types.family.TFloating;

/**
 * A general bias-free linear chain {@code y = W_N ⋯ W_1 x} with given widths (input first, output
 * last), for regression tasks. A width of 0 means "the input width".
 *
 * <pre>{@code
 * LinearChain net = Networks.linearChain(8, 50, 15).init(new NormalInit(0.01));
 * }</pre>
 *
 * @param widths layer widths, input first; at least two
 * @param init initialiser
 */
public record LinearChain(List<Integer> widths, WeightInit init) implements Network {

  /** Validates the fields. */
  public LinearChain {
    widths = List.copyOf(widths);
    Objects.requireNonNull(init, "init");
    checkRange("widths.size()", widths.size(), 2, 64);
    for (int i = 0; i < widths.size(); i++) {
      checkRange("widths[" + i + "]", widths.get(i), 0, 1 << 24);
    }
  }

  /** Another initialiser. */
  public LinearChain init(WeightInit initialiser) {
    return new LinearChain(widths, initialiser);
  }

  @Override
  public int inputWidth(int dataDim) {
    return widths.get(0) == 0 ? dataDim : widths.get(0);
  }

  @Override
  public int outputWidth(int dataDim) {
    int w = widths.get(widths.size() - 1);
    return w == 0 ? dataDim : w;
  }

  @Override
  public List<String> probePoints() {
    List<String> p = new java.util.ArrayList<>();
    for (int i = 1; i < widths.size() - 1; i++) {
      p.add("hidden" + i);
    }
    p.add("output");
    return p;
  }

  @Override
  public String name() {
    return "linear-chain-" + (widths.size() - 1) + "f";
  }

  @Override
  public <T extends TFloating> LinearNetworkGraph<T> build(TfSession<T> session, NetworkContext context) {
    int[] w = new int[widths.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = widths.get(i) == 0 ? context.inputDim() : widths.get(i);
    }
    if (w[0] != context.inputDim()) {
      throw new IllegalArgumentException(
          "network input width " + w[0] + " does not match the data dimension " + context.inputDim());
    }
    return new LinearChainGraph<>(session, w, false, init, context);
  }
}
