package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.TfSession;
import org.jspecify.annotations.Nullable;
import org.tensorflow.types.family.TFloating;

/**
 * The linear autoencoders of the efficient-coding paper (METHODS §C3): square, bias-free,
 * {@code y = M x} with
 * <ul>
 *   <li>tied: {@code M = WᵀW} (the paper's "one-layer" net), init scale 0.01;</li>
 *   <li>untied, {@code N} factors: {@code M = W_N ⋯ W_1} ("two-layer" {@code W2W1}, scale 0.01;
 *       "three-layer" {@code W3W2W1}, scale 0.02).</li>
 * </ul>
 * Hidden width equals the input width unless set. Init is uniform on {@code ±scale/2}, the
 * authors' scales being the defaults for each variant.
 *
 * <p>Probe points: {@code hidden1 … hidden(N−1)} and {@code output} ({@code hidden1} and
 * {@code output} when tied). The authors' sensitivity analyses read {@code hidden1}, the code of
 * the first weight matrix.
 *
 * <pre>{@code
 * LinearAutoencoder oneLayer = Networks.linearAutoencoder().tied();
 * LinearAutoencoder threeLayer = Networks.linearAutoencoder().factors(3);     // scale 0.02
 * LinearAutoencoder aligned = Networks.linearAutoencoder().init(new AlignedBalancedInit(1e-3));
 * }</pre>
 *
 * @param factors number of weight matrices of the untied chain (2 when tied), in [1, 16]
 * @param tiedWeights {@code M = WᵀW}
 * @param hiddenWidth hidden width, 0 for the input width
 * @param init initialiser, or null for the authors' uniform init of this variant
 */
public record LinearAutoencoder(int factors, boolean tiedWeights, int hiddenWidth, @Nullable WeightInit init) implements Network {

  /** Validates the fields. */
  public LinearAutoencoder {
    checkRange("factors", factors, 1, 16);
    checkRange("hiddenWidth", hiddenWidth, 0, 1 << 24);
    if (tiedWeights && factors != 2) {
      throw new IllegalArgumentException("a tied autoencoder (M = WᵀW) has factors = 2, got " + factors);
    }
  }

  /** The tied {@code WᵀW}. */
  public LinearAutoencoder tied() {
    return new LinearAutoencoder(2, true, hiddenWidth, init);
  }

  /** An untied chain of {@code n} weight matrices. */
  public LinearAutoencoder factors(int n) {
    return new LinearAutoencoder(n, false, hiddenWidth, init);
  }

  /** Uniform init on {@code ±scale/2}. */
  public LinearAutoencoder initScale(double scale) {
    return new LinearAutoencoder(factors, tiedWeights, hiddenWidth, new UniformInit(scale));
  }

  /** Another initialiser. */
  public LinearAutoencoder init(WeightInit initialiser) {
    return new LinearAutoencoder(factors, tiedWeights, hiddenWidth, initialiser);
  }

  /** Another hidden width. */
  public LinearAutoencoder hiddenWidth(int width) {
    return new LinearAutoencoder(factors, tiedWeights, width, init);
  }

  /** The initialiser in effect: the given one, else the authors' uniform init of this variant. */
  public WeightInit effectiveInit() {
    if (init != null) {
      return init;
    }
    return new UniformInit(!tiedWeights && factors >= 3 ? 0.02 : 0.01);
  }

  /** Number of weight matrices of the end-to-end map as a product ({@code N}; 2 when tied). */
  public int depth() {
    return factors;
  }

  @Override
  public int inputWidth(int dataDim) {
    return dataDim;
  }

  @Override
  public int outputWidth(int dataDim) {
    return dataDim;
  }

  @Override
  public java.util.List<String> probePoints() {
    java.util.List<String> p = new java.util.ArrayList<>();
    for (int i = 1; i < factors; i++) {
      p.add("hidden" + i);
    }
    p.add("output");
    return p;
  }

  @Override
  public String name() {
    return tiedWeights ? "linear-ae-tied" : "linear-ae-" + factors + "f";
  }

  @Override
  public <T extends TFloating> LinearNetworkGraph<T> build(TfSession<T> session, NetworkContext context) {
    int d = context.inputDim();
    int h = hiddenWidth == 0 ? d : hiddenWidth;
    int[] widths;
    if (tiedWeights) {
      widths = new int[] {d, h};
    } else {
      widths = new int[factors + 1];
      java.util.Arrays.fill(widths, h);
      widths[0] = d;
      widths[factors] = d;
    }
    return new LinearChainGraph<>(session, widths, tiedWeights, effectiveInit(), context);
  }
}
