package io.github.gradsense.data;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/** SHA-256 digests for provenance. */
final class Hashes {
  private Hashes() {}

  static String sha256(byte[] bytes) {
    return Hashing.sha256().hashBytes(bytes).toString();
  }

  static String sha256(float[] values) {
    Hasher h = Hashing.sha256().newHasher();
    for (float v : values) {
      h.putFloat(v);
    }
    return h.hash().toString();
  }
}
