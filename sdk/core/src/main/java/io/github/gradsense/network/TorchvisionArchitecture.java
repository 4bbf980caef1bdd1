package io.github.gradsense.network;

import java.util.List;
import java.util.Objects;

/**
 * A torchvision 0.14 architecture as a program over module calls ({@code torchvision.models}'s
 * {@code forward}, module paths as names). Use {@link Torchvision} to get a network of one.
 *
 * <pre>{@code
 * TorchvisionArchitecture a = TorchvisionArchitecture.resnet(List.of(2, 2, 2, 2), 1000);   // resnet18
 * }</pre>
 *
 * @param name the torchvision name ({@code resnet18}, {@code vgg16_bn}, {@code alexnet}, or
 *     {@code resnet-1-1-1-1} for other block counts)
 * @param family which definition
 * @param blocks BasicBlocks per stage, for ResNets (empty otherwise)
 * @param classes outputs of the last linear layer, in [1, 2^20]
 */
public record TorchvisionArchitecture(String name, Family family, List<Integer> blocks, int classes) {

  /** The definitions. */
  public enum Family {
    /** {@code torchvision.models.resnet.ResNet} with {@code BasicBlock}. */
    RESNET,
    /** {@code torchvision.models.vgg16_bn}: configuration D with BatchNorm. */
    VGG16_BN,
    /** {@code torchvision.models.alexnet}. */
    ALEXNET
  }

  /** Validates the fields. */
  public TorchvisionArchitecture {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    blocks = List.copyOf(blocks);
    if (family == Family.RESNET) {
      if (blocks.size() != 4 || blocks.stream().anyMatch(b -> b < 1 || b > 64)) {
        throw new IllegalArgumentException("a ResNet has 4 stages of 1 to 64 blocks each, got " + blocks);
      }
    } else if (!blocks.isEmpty()) {
      throw new IllegalArgumentException(family + " takes no block counts, got " + blocks);
    }
    if (classes < 1 || classes > (1 << 20)) {
      throw new IllegalArgumentException("classes must be in [1, 1048576], got " + classes);
    }
  }

  /** A ResNet of BasicBlocks with {@code blocks} per stage ({@code [2, 2, 2, 2]} is resnet18). */
  public static TorchvisionArchitecture resnet(List<Integer> blocks, int classes) {
    String n = blocks.equals(List.of(2, 2, 2, 2)) ? "resnet18"
        : "resnet-" + String.join("-", blocks.stream().map(String::valueOf).toList());
    return new TorchvisionArchitecture(n, Family.RESNET, blocks, classes);
  }

  /** Runs the architecture's forward pass on {@code tape}; returns the logits. */
  <V> V forward(ModuleTape<V> t, V x) {
    return switch (family) {
      case RESNET -> resnet(t, x);
      case VGG16_BN -> vgg(t, x);
      case ALEXNET -> alexnet(t, x);
    };
  }

  private <V> V resnet(ModuleTape<V> t, V x) {
    V h = t.conv("conv1", x, 64, 7, 2, 3, false);
    h = t.batchNorm("bn1", h);
    h = t.relu("relu", h);
    h = t.maxPool("maxpool", h, 3, 2, 1);
    int[] planes = {64, 128, 256, 512};
    int inplanes = 64;
    for (int stage = 0; stage < 4; stage++) {
      String layer = "layer" + (stage + 1);
      for (int b = 0; b < blocks.get(stage); b++) {
        int stride = b == 0 && stage > 0 ? 2 : 1;
        String p = layer + "." + b;
        V out = t.conv(p + ".conv1", h, planes[stage], 3, stride, 1, false);
        out = t.batchNorm(p + ".bn1", out);
        out = t.relu(null, out);
        out = t.conv(p + ".conv2", out, planes[stage], 3, 1, 1, false);
        out = t.batchNorm(p + ".bn2", out);
        V identity = h;
        if (stride != 1 || inplanes != planes[stage]) {
          V d = t.conv(p + ".downsample.0", h, planes[stage], 1, stride, 0, false);
          identity = t.point(p + ".downsample", t.batchNorm(p + ".downsample.1", d));
        }
        h = t.point(p, t.relu(null, t.add(out, identity)));
        inplanes = planes[stage];
      }
      h = t.point(layer, h);
    }
    h = t.adaptiveAvgPool("avgpool", h, 1);
    return t.linear("fc", t.flatten(h), classes);
  }

  private <V> V vgg(ModuleTape<V> t, V x) {
    int[] cfg = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    V h = x;
    int i = 0;
    for (int c : cfg) {
      if (c == 0) {
        h = t.maxPool("features." + i++, h, 2, 2, 0);
      } else {
        h = t.conv("features." + i++, h, c, 3, 1, 1, true);
        h = t.batchNorm("features." + i++, h);
        h = t.relu("features." + i++, h);
      }
    }
    h = t.adaptiveAvgPool("avgpool", h, 7);
    h = t.relu("classifier.1", t.linear("classifier.0", t.flatten(h), 4096));
    h = t.dropout("classifier.2", h);
    h = t.relu("classifier.4", t.linear("classifier.3", h, 4096));
    h = t.dropout("classifier.5", h);
    return t.linear("classifier.6", h, classes);
  }

  private <V> V alexnet(ModuleTape<V> t, V x) {
    V h = t.relu("features.1", t.conv("features.0", x, 64, 11, 4, 2, true));
    h = t.maxPool("features.2", h, 3, 2, 0);
    h = t.relu("features.4", t.conv("features.3", h, 192, 5, 1, 2, true));
    h = t.maxPool("features.5", h, 3, 2, 0);
    h = t.relu("features.7", t.conv("features.6", h, 384, 3, 1, 1, true));
    h = t.relu("features.9", t.conv("features.8", h, 256, 3, 1, 1, true));
    h = t.relu("features.11", t.conv("features.10", h, 256, 3, 1, 1, true));
    h = t.maxPool("features.12", h, 3, 2, 0);
    h = t.adaptiveAvgPool("avgpool", h, 6);
    h = t.dropout("classifier.0", t.flatten(h));
    h = t.relu("classifier.2", t.linear("classifier.1", h, 4096));
    h = t.dropout("classifier.3", h);
    h = t.relu("classifier.5", t.linear("classifier.4", h, 4096));
    return t.linear("classifier.6", h, classes);
  }
}
