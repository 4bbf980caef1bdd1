package io.github.gradsense.experiment;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a long run's progress on standard error: a redrawn bar on a terminal, a log line every 10 s
 * otherwise (CI logs, files). Step, percentage, loss and an estimate of the time left. The system
 * property {@code gradsense.progress} ({@code bar}, {@code lines}) overrides the detection.
 */
final class Progress implements RunListener {
  private static final long LINE_NANOS = 10_000_000_000L;
  private static final long BAR_NANOS = 200_000_000L;
  private static final int WIDTH = 30;

  private final String name;
  private long total;
  private final String note;
  private final boolean bar;
  private final PrintStream out;
  private long started = System.nanoTime();
  private long last = started;
  private boolean drawn;

  private long first;

  /** A progress listener for experiment {@code name}; {@code note} follows the step count in log lines. */
  Progress(String name, String note) {
    this(name, 0, 0, note);
  }

  Progress(String name, long first, long total, String note) {
    this(name, first, total, note, chooseBar(), System.err);
  }

  Progress(String name, long first, long total, String note, boolean bar, PrintStream out) {
    this.name = name;
    this.first = first;
    this.total = total;
    this.note = note;
    this.bar = bar;
    this.out = out;
  }

  @Override
  public void onStart(Run run) {
    first = run.stepsDone();
    total = run.totalSteps();
    started = System.nanoTime();
    last = started;
  }

  @Override
  public void onStep(Run run, io.github.gradsense.train.StepEvent e) {
    step(e.step(), e.loss());
  }

  @Override
  public void onEnd(Run run) {
    done(run.stepsDone(), run.lastLoss());
  }

  private static boolean chooseBar() {
    String mode = System.getProperty("gradsense.progress", "");
    if (mode.equals("bar")) {
      return true;
    }
    if (mode.equals("lines")) {
      return false;
    }
    return System.console() != null;
  }

  /** After each step. */
  void step(long step, double loss) {
    long now = System.nanoTime();
    if (now - last < (bar ? BAR_NANOS : LINE_NANOS)) {
      return;
    }
    last = now;
    double done = total == 0 ? 1 : (double) step / total;
    double rate = (step - first) / ((now - started) / 1e9);
    long eta = rate <= 0 ? 0 : Math.round((total - step) / rate);
    if (bar) {
      int filled = (int) Math.round(done * WIDTH);
      out.printf(Locale.ROOT, "\r[%s] [%s%s] %3.0f%% step %d/%d loss %.4g ETA %s%s", name, "#".repeat(filled),
          ".".repeat(WIDTH - filled), 100 * done, step, total, loss, duration(eta), note.isEmpty() ? "" : " (at most)");
      drawn = true;
    } else {
      out.printf(Locale.ROOT, "[%s] step %d/%d (%.0f%%) loss %.4g, about %s left%s%n",
          name, step, total, 100 * done, loss, duration(eta), note);
    }
    out.flush();
  }

  /** Once the run ends. */
  void done(long steps, double loss) {
    steps -= first;
    if (drawn) {
      out.print("\r\033[K");
    }
    out.printf(Locale.ROOT, "[%s] done: %d steps in %.1f s, final loss %.4g%n", name, steps, (System.nanoTime() - started) / 1e9, loss);
    out.flush();
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }
    return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02d", (seconds % 3600) / 60) + "m";
  }
}
