package io.github.gradsense.experiment;

import io.github.gradsense.probe.AttachedProbe;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.train.StepEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads each probe on its schedule's steps and keeps its rows; with a report folder, each row is
 * also appended to the probe's CSV as it comes. After a stop every probe not yet read at the last
 * step is read there.
 */
final class ProbeRecorder implements RunListener {
  private final List<Recorded> probes = new ArrayList<>();
  private final @Nullable RunWriter csv;

  /** One probe: its spec, its attached form, its firing steps, and its rows so far. */
  private static final class Recorded {
    final Probe spec;
    final AttachedProbe attached;
    final long[] steps;
    int next;
    final List<Checkpoint.Row> rows = new ArrayList<>();

    Recorded(Probe spec, AttachedProbe attached, long total) {
      this.spec = spec;
      this.attached = attached;
      this.steps = spec.schedule().steps(total);
    }

    boolean readAt(long step) {
      return !rows.isEmpty() && rows.get(rows.size() - 1).step() == step;
    }
  }

  ProbeRecorder(List<Probe> specs, List<AttachedProbe> attached, long totalSteps, @Nullable RunWriter csv) {
    for (int i = 0; i < specs.size(); i++) {
      probes.add(new Recorded(specs.get(i), attached.get(i), totalSteps));
    }
    this.csv = csv;
  }

  /** Reads the probes due at {@code step}; with {@code everyProbe}, also every probe not yet read there. */
  void read(long step, long epoch, boolean everyProbe) {
    for (Recorded p : probes) {
      boolean due = p.next < p.steps.length && p.steps[p.next] == step;
      if (due) {
        p.next++;
      }
      if (due || (everyProbe && !p.readAt(step))) {
        add(p, new Checkpoint.Row(step, epoch, p.attached.measure()));
      }
    }
  }

  @Override
  public void onStep(Run run, StepEvent e) {
    read(e.step(), run.epoch(), false);
  }

  /** The first point's row of {@code series} at {@code step}, if it was read there. */
  double @Nullable [] rowAt(String series, long step) {
    for (Recorded p : probes) {
      if (p.spec.name().equals(series) && p.readAt(step)) {
        return p.rows.get(p.rows.size() - 1).values()[0];
      }
    }
    return null;
  }

  /** Every probe's rows so far, by series name. */
  Map<String, List<Checkpoint.Row>> rows() {
    Map<String, List<Checkpoint.Row>> out = new LinkedHashMap<>();
    for (Recorded p : probes) {
      out.put(p.spec.name(), List.copyOf(p.rows));
    }
    return out;
  }

  /** Takes back the rows of a checkpoint taken after {@code step} (and writes them to the CSVs again). */
  void restore(Map<String, List<Checkpoint.Row>> saved, long step) {
    for (Recorded p : probes) {
      for (Checkpoint.Row r : saved.getOrDefault(p.spec.name(), List.of())) {
        add(p, r);
      }
      while (p.next < p.steps.length && p.steps[p.next] <= step) {
        p.next++;
      }
    }
  }

  private void add(Recorded p, Checkpoint.Row row) {
    if (row.values().length != p.attached.points().size()) {
      throw new IllegalStateException("probe '" + p.spec.name() + "' measured " + row.values().length + " rows for "
          + p.attached.points().size() + " probe points");
    }
    p.rows.add(row);
    if (csv != null) {
      for (int r = 0; r < row.values().length; r++) {
        csv.append(p.spec.name(), row.step(), row.epoch(), p.attached.points().get(r), p.attached.columns(), row.values()[r]);
      }
    }
  }

  /** The series: one per probe and probe point. */
  Map<String, List<ProbeSeries>> series() {
    Map<String, List<ProbeSeries>> out = new LinkedHashMap<>();
    for (Recorded p : probes) {
      long[] steps = p.rows.stream().mapToLong(Checkpoint.Row::step).toArray();
      long[] epochs = p.rows.stream().mapToLong(Checkpoint.Row::epoch).toArray();
      List<ProbeSeries> perPoint = new ArrayList<>();
      for (int q = 0; q < p.attached.points().size(); q++) {
        double[][] r = new double[p.rows.size()][];
        for (int i = 0; i < r.length; i++) {
          r[i] = p.rows.get(i).values()[q];
        }
        perPoint.add(new ProbeSeries(p.spec.name(), p.attached.points().get(q), p.attached.columns(), steps, epochs, r));
      }
      out.put(p.spec.name(), perPoint);
    }
    return out;
  }
}
