package io.github.gradsense.experiment;

import io.github.gradsense.report.RunWriter;
import java.util.List;
import java.util.Map;

/**
 * One {@code .npy} per series and probe point beside the CSVs: {@code <series>[.<point>].npy},
 * shape (probed steps) × (1 + columns), column 0 the step, then the columns in the CSV's order.
 */
final class NpySink {
  private NpySink() {}

  static void write(RunWriter writer, Map<String, List<ProbeSeries>> series) {
    for (List<ProbeSeries> perPoint : series.values()) {
      for (ProbeSeries s : perPoint) {
        double[][] rows = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
          double[] r = s.row(i);
          rows[i] = new double[r.length + 1];
          rows[i][0] = s.steps()[i];
          System.arraycopy(r, 0, rows[i], 1, r.length);
        }
        writer.writeNpy(s.point().isEmpty() ? s.name() : s.name() + "." + s.point(), rows);
      }
    }
  }
}
