package io.github.gradsense.network;

import org.jspecify.annotations.Nullable;

/**
 * What a torchvision-style forward pass does, module by module, written once and run on two tapes:
 * one that only infers shapes, parameter names and cost (before any native work), one that builds
 * the graph's values and tangents. Every named call is a probe point named by its module path.
 *
 * @param <V> what flows: a shape, or an activation with its tangent
 */
interface ModuleTape<V> {

  /** {@code nn.Conv2d(in, out, kernel, stride, padding=pad, bias=bias)}, PyTorch's symmetric zero padding. */
  V conv(String name, V x, int out, int kernel, int stride, int pad, boolean bias);

  /** {@code nn.BatchNorm2d} in evaluation mode: {@code γ (x − μ) / √(σ² + ε) + β}, ε = 1e-5, running μ, σ². */
  V batchNorm(String name, V x);

  /** {@code nn.ReLU}; an unnamed ReLU (a block's module called twice) is not a probe point. */
  V relu(@Nullable String name, V x);

  /** {@code nn.MaxPool2d(kernel, stride, padding=pad)}: windows over the input padded with −∞. */
  V maxPool(String name, V x, int kernel, int stride, int pad);

  /** {@code nn.AdaptiveAvgPool2d(side)}: bin i averages rows ⌊iH/side⌋ to ⌈(i+1)H/side⌉ − 1. */
  V adaptiveAvgPool(String name, V x, int side);

  /** {@code nn.Linear(in, out)} on vectors. */
  V linear(String name, V x, int out);

  /** {@code torch.flatten(x, 1)}: a feature map to a vector in PyTorch's (C, H, W) order. */
  V flatten(V x);

  /** {@code nn.Dropout} in evaluation mode: the identity. */
  V dropout(String name, V x);

  /** A residual sum. */
  V add(V a, V b);

  /** Records {@code x} as the output of the container module {@code name} ({@code layer1}, {@code layer1.0}). */
  V point(String name, V x);
}
