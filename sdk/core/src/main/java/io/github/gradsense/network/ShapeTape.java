package io.github.gradsense.network;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shape-only run of a {@link TorchvisionArchitecture}: every probe point's shape ({@code [H, W, C]}
 * or {@code [F]}), every parameter's PyTorch name and shape, and the forward pass's multiply-adds,
 * with windows that do not fit the image refused by module name. No native work.
 */
final class ShapeTape implements ModuleTape<int[]> {
  private final String architecture;
  final Map<String, int[]> points = new LinkedHashMap<>();
  final Map<String, long[]> parameters = new LinkedHashMap<>();
  final Set<String> optional = new LinkedHashSet<>();
  long multiplyAdds;

  ShapeTape(String architecture) {
    this.architecture = architecture;
  }

  private int[] record(String name, int[] shape) {
    points.put(name, shape);
    return shape;
  }

  private int[] spatial(String name, int[] x) {
    if (x.length != 3) {
      throw new IllegalStateException(name + " needs a feature map, got " + Arrays.toString(x));
    }
    return x;
  }

  private int side(String name, int in, int kernel, int stride, int pad) {
    int span = in + 2 * pad - kernel;
    if (span < 0) {
      throw new IllegalArgumentException(architecture + ": module '" + name + "' has a window of " + kernel
          + " on a feature map of side " + in + " (padding " + pad + "); use larger images");
    }
    return span / stride + 1;
  }

  @Override
  public int[] conv(String name, int[] x, int out, int kernel, int stride, int pad, boolean bias) {
    spatial(name, x);
    int h = side(name, x[0], kernel, stride, pad);
    int w = side(name, x[1], kernel, stride, pad);
    parameters.put(name + ".weight", new long[] {out, x[2], kernel, kernel});
    if (bias) {
      parameters.put(name + ".bias", new long[] {out});
    }
    multiplyAdds += (long) h * w * out * x[2] * kernel * kernel;
    return record(name, new int[] {h, w, out});
  }

  @Override
  public int[] batchNorm(String name, int[] x) {
    long c = x[x.length - 1];
    for (String p : new String[] {"weight", "bias", "running_mean", "running_var"}) {
      parameters.put(name + "." + p, new long[] {c});
    }
    parameters.put(name + ".num_batches_tracked", new long[0]);
    optional.add(name + ".num_batches_tracked");
    return record(name, x);
  }

  @Override
  public int[] relu(@Nullable String name, int[] x) {
    return name == null ? x : record(name, x);
  }

  @Override
  public int[] maxPool(String name, int[] x, int kernel, int stride, int pad) {
    spatial(name, x);
    return record(name, new int[] {side(name, x[0], kernel, stride, pad), side(name, x[1], kernel, stride, pad), x[2]});
  }

  @Override
  public int[] adaptiveAvgPool(String name, int[] x, int side) {
    spatial(name, x);
    return record(name, new int[] {side, side, x[2]});
  }

  @Override
  public int[] linear(String name, int[] x, int out) {
    int in = Arrays.stream(x).reduce(1, (a, b) -> a * b);
    parameters.put(name + ".weight", new long[] {out, in});
    parameters.put(name + ".bias", new long[] {out});
    multiplyAdds += (long) in * out;
    return record(name, new int[] {out});
  }

  @Override
  public int[] flatten(int[] x) {
    return new int[] {Arrays.stream(x).reduce(1, (a, b) -> a * b)};
  }

  @Override
  public int[] dropout(String name, int[] x) {
    return record(name, x);
  }

  @Override
  public int[] add(int[] a, int[] b) {
    if (!Arrays.equals(a, b)) {
      throw new IllegalStateException("residual shapes differ: " + Arrays.toString(a) + " and " + Arrays.toString(b));
    }
    return a;
  }

  @Override
  public int[] point(String name, int[] x) {
    return record(name, x);
  }
}
