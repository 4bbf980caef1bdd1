package io.github.gradsense.examples;

import io.github.gradsense.data.ImageSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The main job: the flagship reproductions of Benjamin et al. 2022 in linear networks, on the
 * embedded synthetic natural-like images (or photographs with {@code --images}): C1 ordered
 * learning by variance, C2 cardinal bias (trained, rotated, untrained, shuffled), C4 thresholds
 * and acuity; and of Shi et al. 2022: C6 pathway specialisation against depth. Each writes its
 * report in a folder of {@code --out}.
 *
 * <pre>
 * reproduce --out out                      # out/ordered-learning, out/cardinal-bias, out/acuity, out/pathways
 * reproduce --images photos/ --full
 * </pre>
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = "Reproduces claims C1, C2 (linear) and C4 of Benjamin et al. 2022 and C6 of Shi et al. 2022 and writes their reports.")
public final class Reproduce implements Callable<Integer> {

  @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})", defaultValue = "out")
  Path out = Path.of("out");

  @Option(names = "--images", description = "a folder of PNG/JPEG photographs (default: the embedded synthetic scenes)")
  @Nullable Path images;

  @Option(names = "--full", description = "the papers' sizes: 32×32 patches, 100,352 of them; pathways of width 1000")
  boolean full;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Reproduce()).execute(args));
  }

  @Override
  public Integer call() {
    ImageSource source = images != null ? ImageSource.folder(images) : ImageSource.synthetic();
    int side = full ? 32 : 16;
    int count = full ? 100_352 : 50_000;
    OrderedLearning c1 = new OrderedLearning();
    c1.out = out.resolve("ordered-learning");
    c1.images = images;
    c1.full = full;
    c1.run();
    new LinearCardinalBias(source, side, count).run(out.resolve("cardinal-bias"));
    new Acuity(source, side, count).run(out.resolve("acuity"));
    PathwaySpecialisation.of(out.resolve("pathways"), full ? 1000 : 250, 3, 2, 3, 4, 7).call();
    System.out.println("\nreports: " + out.toAbsolutePath());
    return 0;
  }
}
