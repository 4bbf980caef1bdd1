package io.github.gradsense.conformance;

import java.util.Locale;

/** Prints the numbers a claim was checked on, so that every CI log records them. */
final class Report {
  private Report() {}

  static void print(String label, double[] values) {
    StringBuilder sb = new StringBuilder(label).append(':');
    for (double v : values) {
      sb.append(String.format(Locale.ROOT, " %.4g", v));
    }
    System.out.println(sb);
  }

  static java.util.List<Double> boxed(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }

  static void print(String label, double value) {
    System.out.println(String.format(Locale.ROOT, "%s: %.4g", label, value));
  }
}
