package io.github.gradsense.network;

import java.util.List;
import java.util.Locale;

/**
 * The torchvision 0.14 networks the paper probed, by their torchvision names, on 224 × 224
 * images with ImageNet's normalisation inside the model. Give them the weights you have.
 *
 * <pre>{@code
 * // python: import numpy, torchvision; m = torchvision.models.resnet18(weights="IMAGENET1K_V1")
 * //         numpy.savez("resnet18.npz", **{k: v.numpy() for k, v in m.state_dict().items()})
 * Network net = Torchvision.resnet18().weights(Path.of("resnet18.npz"));
 * }</pre>
 */
public final class Torchvision {
  private Torchvision() {}

  /** The names {@link #byName} knows. */
  public static final List<String> NAMES = List.of("resnet18", "vgg16_bn", "alexnet");

  /** {@code torchvision.models.resnet18}: 1000 classes, untrained (seed 0) until given weights. */
  public static TorchvisionNetwork resnet18() {
    return of(TorchvisionArchitecture.resnet(List.of(2, 2, 2, 2), 1000));
  }

  /** {@code torchvision.models.vgg16_bn}. */
  public static TorchvisionNetwork vgg16Bn() {
    return of(new TorchvisionArchitecture("vgg16_bn", TorchvisionArchitecture.Family.VGG16_BN, List.of(), 1000));
  }

  /** {@code torchvision.models.alexnet}. */
  public static TorchvisionNetwork alexnet() {
    return of(new TorchvisionArchitecture("alexnet", TorchvisionArchitecture.Family.ALEXNET, List.of(), 1000));
  }

  /** {@code ResNet(BasicBlock, blocks, num_classes=classes)}: other depths and heads of the same definition. */
  public static TorchvisionNetwork resnet(List<Integer> blocks, int classes) {
    return of(TorchvisionArchitecture.resnet(blocks, classes));
  }

  /** One of {@link #NAMES}; an unknown name is refused with the list. */
  public static TorchvisionNetwork byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "resnet18" -> resnet18();
      case "vgg16_bn" -> vgg16Bn();
      case "alexnet" -> alexnet();
      default -> throw new IllegalArgumentException("unknown torchvision model '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  private static TorchvisionNetwork of(TorchvisionArchitecture a) {
    return new TorchvisionNetwork(a, 224, new TorchvisionNetwork.Untrained(0), true);
  }
}
