package io.github.gradsense.assertj;

import java.util.Locale;
import java.util.Objects;
import org.assertj.core.data.Offset;

/**
 * How the kit reads an AssertJ {@link Offset}: {@code within(t)} admits a distance of exactly
 * {@code t}, {@code byLessThan(t)} (a strict offset) does not. AssertJ itself refuses a negative
 * or NaN offset when it is made, so every offset that reaches here is a number {@code >= 0}.
 */
final class Tolerance {
  private Tolerance() {}

  /** {@code distance} is within {@code offset}: {@code <=} its value, or {@code <} if it is strict. */
  static boolean admits(double distance, Offset<Double> offset) {
    double t = value(offset);
    return offset.strict ? distance < t : distance <= t;
  }

  /** The offset's value; {@code offset} must not be null (AssertJ's own asserts refuse it the same way). */
  static double value(Offset<Double> offset) {
    return Objects.requireNonNull(offset, "The given offset should not be null").value;
  }

  /**
   * Nothing for {@code within(t)}, whose messages read as before; for a strict offset, a note that
   * a distance of exactly {@code t} fails, to append to the message.
   */
  static String strictness(Offset<Double> offset, String unit) {
    return offset.strict
        ? String.format(Locale.ROOT, " (a strict offset: exactly %.4g%s is too far)", offset.value, unit)
        : "";
  }
}
