package io.github.gradsense.internal;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent, stable sub-seeds from one experiment seed, so that every random stream
 * (weight init, patch positions, minibatch order, output noise) is reproducible on its own and
 * adding a stream never shifts another.
 *
 * <pre>{@code
 * SplittableRandom init = Seeds.random(seed, "init");
 * long[] opSeed = Seeds.opSeed(seed, "noise", step);   // for TensorFlow's stateless RNG ops
 * }</pre>
 */
public final class Seeds {
  private Seeds() {}

  /** A 64-bit sub-seed for {@code purpose}, a pure function of both arguments. */
  public static long derive(long seed, String purpose) {
    long h = 0xcbf29ce484222325L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(seed ^ mix(h));
  }

  /** A fresh {@link SplittableRandom} for {@code purpose}. */
  public static SplittableRandom random(long seed, String purpose) {
    return new SplittableRandom(derive(seed, purpose));
  }

  /** A two-word seed for TensorFlow's stateless RNG ops, distinct per {@code purpose} and {@code counter}. */
  public static long[] opSeed(long seed, String purpose, long counter) {
    return new long[] {derive(seed, purpose), mix(counter + 0x9e3779b97f4a7c15L)};
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A uniformly random permutation of {@code 0 … n−1} (Fisher–Yates, last index first) from {@code rng}. */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
