package io.github.gradsense.probe;

import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.NetworkGraph;

/** Shared checks of the probes that read a linear network's end-to-end map. */
final class LinearProbes {
  private LinearProbes() {}

  static <T extends org.tensorflow.types.family.TFloating> LinearNetworkGraph<T> linear(
      NetworkGraph<T> network, String probe) {
    if (network instanceof LinearNetworkGraph<T> l) {
      return l;
    }
    throw new IllegalArgumentException(
        "probe '" + probe + "' reads the end-to-end map M and needs a linear network, got " + network);
  }

  static void checkComponents(String probe, int components, int dim) {
    if (components < 1 || components > dim) {
      throw new IllegalArgumentException(
          "probe '" + probe + "': components must be in [1, " + dim + "] (the data dimension), got " + components);
    }
  }

  static java.util.List<String> pcColumns(String prefix, int k) {
    java.util.List<String> c = new java.util.ArrayList<>(k);
    for (int i = 1; i <= k; i++) {
      c.add(prefix + i);
    }
    return c;
  }
}
