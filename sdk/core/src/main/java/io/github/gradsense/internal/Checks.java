package io.github.gradsense.internal;

/**
 * Argument checks shared by every configuration record of the SDK. Each message names the field,
 * the allowed range and the value received, so that bad input fails before any native work.
 *
 * <pre>{@code
 * Checks.checkRange("batchSize", batchSize, 1, Integer.MAX_VALUE);
 * }</pre>
 */
public final class Checks {
  private Checks() {}

  /** Fails unless {@code min <= value <= max}. */
  public static int checkRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + (max == Integer.MAX_VALUE ? "∞" : max) + "], got " + value);
    }
    return value;
  }

  /** Fails unless {@code min <= value <= max}. */
  public static long checkRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + (max == Long.MAX_VALUE ? "∞" : max) + "], got " + value);
    }
    return value;
  }

  /** Fails unless {@code value} is finite and strictly positive. */
  public static double checkPositive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** Fails unless {@code value} is finite and {@code >= 0}. */
  public static double checkNonNegative(String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  /** Fails unless {@code min <= value <= max} (both finite). */
  public static double checkRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Fails unless every entry of {@code values} is finite. */
  public static double[] checkFinite(String field, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            field + " must contain only finite numbers, got " + values[i] + " at index " + i);
      }
    }
    return values;
  }
}
