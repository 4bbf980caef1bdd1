package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkRange;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * When a probe fires, in updates: step 0 is the untrained network and the last step is always
 * included.
 *
 * <pre>{@code
 * Schedule.every(10);        // 0, 10, 20, …, last
 * Schedule.logSpaced(50);    // 0 and ~50 steps spaced evenly in log(step) up to the last
 * Schedule.at(0, 100, 1000);
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code every, log-spaced, linear, at}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Schedule.Every.class, name = "every"),
    @JsonSubTypes.Type(value = Schedule.LogSpaced.class, name = "log-spaced"),
    @JsonSubTypes.Type(value = Schedule.Linear.class, name = "linear"),
    @JsonSubTypes.Type(value = Schedule.At.class, name = "at")
})
public sealed interface Schedule {

  /** The sorted steps in {@code [0, total]} at which to fire. */
  long[] steps(long total);

  /** Every {@code n} updates. */
  static Schedule every(long n) {
    return new Every(n);
  }

  /** About {@code count} steps evenly spaced in {@code log(step)} between 1 and the last, plus 0. */
  static Schedule logSpaced(int count) {
    return new LogSpaced(count);
  }

  /** About {@code count} steps evenly spaced between 0 and the last. */
  static Schedule linear(int count) {
    return new Linear(count);
  }

  /** At the given steps (those beyond the last are dropped; the last is added). */
  static Schedule at(long... steps) {
    return new At(steps.clone());
  }

  /**
   * Every {@code n} updates.
   *
   * @param n interval, in [1, 10^9]
   */
  record Every(long n) implements Schedule {
    /** Validates the interval. */
    public Every {
      checkRange("every", n, 1, 1_000_000_000L);
    }

    @Override
    public long[] steps(long total) {
      TreeSet<Long> s = new TreeSet<>();
      for (long k = 0; k <= total; k += n) {
        s.add(k);
      }
      s.add(total);
      return s.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /**
   * Log-spaced steps.
   *
   * @param count number of steps after 0, in [1, 10^6]
   */
  record LogSpaced(int count) implements Schedule {
    /** Validates the count. */
    public LogSpaced {
      checkRange("count", count, 1, 1_000_000);
    }

    @Override
    public long[] steps(long total) {
      TreeSet<Long> s = new TreeSet<>();
      s.add(0L);
      if (total > 0) {
        double top = Math.log(total);
        for (int i = 0; i < count; i++) {
          double f = count == 1 ? 1 : (double) i / (count - 1);
          s.add(Math.max(1L, Math.min(total, Math.round(Math.exp(f * top)))));
        }
        s.add(total);
      }
      return s.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /**
   * Linearly spaced steps.
   *
   * @param count number of intervals, in [1, 10^6]
   */
  record Linear(int count) implements Schedule {
    /** Validates the count. */
    public Linear {
      checkRange("count", count, 1, 1_000_000);
    }

    @Override
    public long[] steps(long total) {
      TreeSet<Long> s = new TreeSet<>();
      for (int i = 0; i <= count; i++) {
        s.add(Math.round((double) i * total / count));
      }
      return s.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /**
   * Explicit steps.
   *
   * @param at the steps, each in [0, 10^9]
   */
  record At(long[] at) implements Schedule {
    /** Validates the steps. */
    public At {
      for (long x : at) {
        checkRange("step", x, 0, 1_000_000_000L);
      }
      at = at.clone();
    }

    @Override
    public long[] steps(long total) {
      TreeSet<Long> s = new TreeSet<>();
      for (long x : at) {
        if (x <= total) {
          s.add(x);
        }
      }
      s.add(total);
      return s.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof At a && Arrays.equals(a.at, at);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(at);
    }

    @Override
    public String toString() {
      return "At" + Arrays.toString(at);
    }
  }
}
