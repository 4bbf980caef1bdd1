package io.github.gradsense.assertj;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.AbstractAssert;

/**
 * The checks on how concentrated parallel pathways are, one value per depth (the median
 * concentration {@code c = |K₁ − K₂| / (|K₁| + |K₂|)} of the non-degenerate modes, say, averaged
 * over seeds), for {@link PathwayConcentrationAssert} and for a lab's own assert that adds checks
 * of its own. Every check returns {@code SELF}, so the kit's checks and a subclass's chain in any
 * order.
 *
 * <pre>{@code
 * class MyConcentrationAssert extends AbstractPathwayConcentrationAssert<MyConcentrationAssert> {
 *   MyConcentrationAssert(Map<Integer, Double> byDepth) {
 *     super(byDepth, MyConcentrationAssert.class);
 *   }
 *
 *   MyConcentrationAssert hasDepths(int count) {
 *     isNotNull();
 *     if (actual.size() != count) {
 *       failWithMessage("Expected %d depths, got %s", count, actual.keySet());
 *     }
 *     return myself;
 *   }
 * }
 *
 * new MyConcentrationAssert(byDepth).hasDepths(4).concentratesWithDepth();
 * }</pre>
 *
 * @param <SELF> the assert's own type, which every check returns
 */
public abstract class AbstractPathwayConcentrationAssert<SELF extends AbstractPathwayConcentrationAssert<SELF>>
    extends AbstractAssert<SELF, Map<Integer, Double>> {

  /**
   * @param actual the concentration at each depth
   * @param selfType the concrete assert's class, {@code SELF}
   */
  protected AbstractPathwayConcentrationAssert(Map<Integer, Double> actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The concentration rises strictly from each depth to the next deeper one. */
  public SELF concentratesWithDepth() {
    isNotNull();
    TreeMap<Integer, Double> byDepth = new TreeMap<>(actual);
    if (byDepth.size() < 2) {
      failWithMessage("Expected concentrations at two depths or more, got %s", table(byDepth));
    }
    Map.Entry<Integer, Double> previous = null;
    for (Map.Entry<Integer, Double> e : byDepth.entrySet()) {
      if (previous != null && !(e.getValue() > previous.getValue())) {
        failWithMessage("Expected the concentration to rise with depth, but D = %d gave %s after %s at D = %d; all: %s",
            e.getKey(), fmt(e.getValue()), fmt(previous.getValue()), previous.getKey(), table(byDepth));
      }
      previous = e;
    }
    return myself;
  }

  /** At {@code depth} the pathways share near-equally: concentration below {@code below}. */
  public SELF sharesAtDepth(int depth, double below) {
    double c = at(depth);
    if (!(c < below)) {
      failWithMessage("Expected near-equal sharing at D = %d (c < %s), but c = %s; all: %s", depth, fmt(below), fmt(c),
          table(new TreeMap<>(actual)));
    }
    return myself;
  }

  /** At {@code depth} the modes live mostly in one pathway: concentration above {@code above}. */
  public SELF concentratesAtDepth(int depth, double above) {
    double c = at(depth);
    if (!(c > above)) {
      failWithMessage("Expected the modes mostly in one pathway at D = %d (c > %s), but c = %s; all: %s", depth, fmt(above),
          fmt(c), table(new TreeMap<>(actual)));
    }
    return myself;
  }

  private double at(int depth) {
    isNotNull();
    Double c = actual.get(depth);
    if (c == null) {
      failWithMessage("Expected a concentration at D = %d, but only these depths were measured: %s", depth, actual.keySet());
      return Double.NaN;
    }
    return c;
  }

  private static String table(Map<Integer, Double> byDepth) {
    StringBuilder sb = new StringBuilder();
    byDepth.forEach((d, c) -> sb.append(sb.isEmpty() ? "" : ", ").append("D=").append(d).append(": ").append(fmt(c)));
    return "[" + sb + "]";
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.3f", x);
  }
}
