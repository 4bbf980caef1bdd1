package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.types.family.TFloating;

/**
 * Parallel deep pathways with shared input and summed outputs (Shi, Shea-Brown &amp; Buice 2022;
 * METHODS §F1): {@code y = Σ_a f(W_{a,D} ⋯ f(W_{a,1} x))} over {@code K} pathways of {@code D}
 * weight matrices each ({@code D − 1} hidden layers of equal width), no biases, every entry drawn
 * {@code N(0, ε²)} with {@code ε = 0.01} (not scaled by fan-in). The activation {@code f} is the
 * identity (the deep linear case), ReLU or tanh, applied after every matrix including the last, as
 * in the authors' code.
 *
 * <p>Probe points: {@code pathway<a>-hidden<i>} and {@code pathway<a>-out} (pathway {@code a}'s
 * own output), then {@code output}.
 *
 * <pre>{@code
 * Pathways net = Networks.pathways(15).depth(7).width(1000);        // two linear pathways, 8 → 15
 * Pathways relu = net.relu().pathways(3);
 * }</pre>
 *
 * @param pathways number of pathways {@code K}, in [1, 16]
 * @param depth weight matrices per pathway {@code D}, in [1, 64]
 * @param width hidden width, in [1, 2^16]
 * @param outputs output width, in [1, 2^16]
 * @param activation applied after every matrix
 * @param init initialiser of every matrix (request factor {@code i} of {@code D})
 */
public record Pathways(int pathways, int depth, int width, int outputs, Activation activation, WeightInit init)
    implements Network {

  /** The nonlinearity after every weight matrix. */
  public enum Activation {
    /** None: a deep linear network. */
    LINEAR,
    /** {@code max(0, x)}. */
    RELU,
    /** {@code tanh(x)}. */
    TANH
  }

  /** Validates the fields. */
  public Pathways {
    checkRange("pathways", pathways, 1, 16);
    checkRange("depth", depth, 1, 64);
    checkRange("width", width, 1, 1 << 16);
    checkRange("outputs", outputs, 1, 1 << 16);
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(init, "init");
  }

  /** Another number of pathways. */
  public Pathways pathways(int count) {
    return new Pathways(count, depth, width, outputs, activation, init);
  }

  /** Another number of weight matrices per pathway. */
  public Pathways depth(int matrices) {
    return new Pathways(pathways, matrices, width, outputs, activation, init);
  }

  /** Another hidden width. */
  public Pathways width(int units) {
    return new Pathways(pathways, depth, units, outputs, activation, init);
  }

  /** Linear pathways (the default). */
  public Pathways linear() {
    return new Pathways(pathways, depth, width, outputs, Activation.LINEAR, init);
  }

  /** ReLU after every matrix. */
  public Pathways relu() {
    return new Pathways(pathways, depth, width, outputs, Activation.RELU, init);
  }

  /** Tanh after every matrix. */
  public Pathways tanh() {
    return new Pathways(pathways, depth, width, outputs, Activation.TANH, init);
  }

  /** Another initialiser. */
  public Pathways init(WeightInit initialiser) {
    return new Pathways(pathways, depth, width, outputs, activation, initialiser);
  }

  @Override
  public String name() {
    return "pathways-" + pathways + "x" + depth + (activation == Activation.LINEAR ? "" : "-" + activation.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public int inputWidth(int dataDim) {
    return dataDim;
  }

  @Override
  public int outputWidth(int dataDim) {
    return outputs;
  }

  @Override
  public List<String> probePoints() {
    List<String> p = new ArrayList<>();
    for (int a = 1; a <= pathways; a++) {
      for (int i = 1; i < depth; i++) {
        p.add("pathway" + a + "-hidden" + i);
      }
      p.add("pathway" + a + "-out");
    }
    p.add("output");
    return p;
  }

  @Override
  public <T extends TFloating> PathwayNetworkGraph<T> build(TfSession<T> session, NetworkContext context) {
    return new PathwaysGraph<>(session, this, context);
  }
}
