package io.github.gradsense.network;

import io.github.gradsense.internal.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Weight-shuffled controls: trained parameters with their values permuted, which keeps each
 * tensor's value distribution and destroys its learned structure. One shuffle is one draw; report a
 * probe over many seeds with its spread, never a single shuffle as a null.
 *
 * <pre>{@code
 * List<ParameterValues> trained = results.finalParameters();
 * Sequential control = cnn.withParameters(Shuffles.authors(trained, 7));
 * }</pre>
 */
public final class Shuffles {
  private Shuffles() {}

  /**
   * The authors' shuffle (METHODS §B2): in a convolution kernel {@code [kh, kw, in, out]} the
   * output channels are permuted independently at each kernel position {@code (kh, kw, in)}; a dense
   * matrix {@code [in, out]} has its rows and its columns permuted; every 1-D parameter (biases,
   * batch-norm scale and shift) is permuted; any other rank has its entries permuted.
   */
  public static List<ParameterValues> authors(List<ParameterValues> trained, long seed) {
    List<ParameterValues> out = new ArrayList<>();
    for (int i = 0; i < trained.size(); i++) {
      ParameterValues p = trained.get(i);
      SplittableRandom rng = Seeds.random(seed, "shuffle-authors-" + i);
      long[] shape = p.shape();
      double[] v = p.values();
      double[] w;
      if (shape.length == 4) {
        w = v.clone();
        int outCh = (int) shape[3];
        for (int start = 0; start < w.length; start += outCh) {
          permute(w, start, outCh, rng);
        }
      } else if (shape.length == 2) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        int[] r = Seeds.permutation(rows, rng);
        int[] c = Seeds.permutation(cols, rng);
        w = new double[v.length];
        for (int a = 0; a < rows; a++) {
          for (int b = 0; b < cols; b++) {
            w[a * cols + b] = v[r[a] * cols + c[b]];
          }
        }
      } else {
        w = v.clone();
        permute(w, 0, w.length, rng);
      }
      out.add(new ParameterValues(p.name(), shape, w));
    }
    return out;
  }

  /** Every tensor's entries permuted uniformly at random (SPEC §3's {@code shuffled(seed)}). */
  public static List<ParameterValues> entries(List<ParameterValues> trained, long seed) {
    List<ParameterValues> out = new ArrayList<>();
    for (int i = 0; i < trained.size(); i++) {
      ParameterValues p = trained.get(i);
      double[] w = p.values();
      permute(w, 0, w.length, Seeds.random(seed, "shuffle-entries-" + i));
      out.add(new ParameterValues(p.name(), p.shape(), w));
    }
    return out;
  }

  /** Fisher–Yates on {@code v[start, start + n)}. */
  private static void permute(double[] v, int start, int n, SplittableRandom rng) {
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double t = v[start + i];
      v[start + i] = v[start + j];
      v[start + j] = t;
    }
  }
}
