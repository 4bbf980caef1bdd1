package io.github.gradsense.runtime;

/**
 * Where a graph's kernels run. {@link #GPU} needs the {@code linux-x86_64-gpu} native classifier
 * (Maven profile {@code gpu}) and CUDA 12.5 / cuDNN 9.3 on the host; a GPU request without GPU
 * natives fails when the session is opened, naming the profile to enable.
 *
 * <pre>{@code
 * RuntimeConfig onGpu = RuntimeConfig.defaults().withDevice(Device.GPU);
 * }</pre>
 */
public enum Device {
  /** CPU kernels (oneDNN where enabled). */
  CPU,
  /** The first CUDA device. */
  GPU
}
