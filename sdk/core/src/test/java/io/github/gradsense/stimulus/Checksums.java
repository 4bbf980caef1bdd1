package io.github.gradsense.stimulus;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/** stimupy-style golden checksums: SHA-256 of every reference image of a family, rounded to 8 decimals. */
final class Checksums {
  private Checksums() {}

  static String of(StimulusFamily f) {
    Hasher h = Hashing.sha256().newHasher();
    for (double theta : f.values()) {
      for (int j = 0; j < f.nuisanceCount(); j++) {
        for (double v : f.reference(theta, j)) {
          double r = Math.round(v * 1e8) / 1e8;
          h.putDouble(r == 0 ? 0 : r);   // no negative zero
        }
      }
    }
    return h.hash().toString();
  }
}
