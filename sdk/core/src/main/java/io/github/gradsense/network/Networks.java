package io.github.gradsense.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point for network specifications.
 *
 * <pre>{@code
 * Network tied = Networks.linearAutoencoder().tied();
 * Network chain = Networks.linearChain(8, 100, 100, 15);
 * Network twoPaths = Networks.pathways(15).depth(7);
 * SavedModelNetwork yours = Networks.savedModel(Path.of("my_model"));
 * }</pre>
 */
public final class Networks {
  private Networks() {}

  /** The untied two-factor linear autoencoder {@code W2W1} with the authors' init (±0.005). */
  public static LinearAutoencoder linearAutoencoder() {
    return new LinearAutoencoder(2, false, 0, null);
  }

  /** A sequential network on inputs of {@code shape} ({@code H, W, C} or {@code d}); add layers fluently. */
  public static Sequential sequential(int... shape) {
    return Sequential.on(shape);
  }

  /** A linear chain with the given widths (input first), init {@code N(0, 0.01²)}. */
  public static LinearChain linearChain(int... widths) {
    List<Integer> w = new ArrayList<>();
    for (int x : widths) {
      w.add(x);
    }
    return new LinearChain(w, new NormalInit(0.01));
  }

  /**
   * The TensorFlow SavedModel in {@code directory}, tag {@code serve}, signature
   * {@code serving_default}, probed at the signature's outputs (read and checked without native work).
   *
   * @throws IllegalArgumentException naming the folder or file when it is not such a SavedModel
   */
  public static SavedModelNetwork savedModel(java.nio.file.Path directory) {
    return SavedModelNetwork.read(directory, "serve", "serving_default");
  }

  /**
   * Two parallel linear pathways of 2 weight matrices, hidden width 1000, {@code outputs} outputs,
   * entries {@code N(0, 0.01²)} (Shi et al.); set depth, width and activation fluently.
   */
  public static Pathways pathways(int outputs) {
    return new Pathways(2, 2, 1000, outputs, Pathways.Activation.LINEAR, new NormalInit(0.01));
  }
}
