package io.github.gradsense.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.jspecify.annotations.Nullable;

/**
 * A line plot in a clean publication style (white background, no grid clutter, labelled axes with
 * units, colour-blind-safe palette), written as PNG and SVG side by side. Lines and dashed
 * "theory" lines; a logarithmic x axis for training time.
 *
 * <pre>{@code
 * Plot p = Plot.titled("Proportion learned", "step", "u_k (proportion of PC k learned)").logX();
 * p.line("PC1", steps, u1).theory("PC1, closed form", t, saxe);
 * p.writeTo(writer, "proportion-learned");          // proportion-learned.png + proportion-learned.svg
 * }</pre>
 */
public final class Plot {
  /** Okabe–Ito: distinguishable under the common colour-vision deficiencies. */
  private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
      new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
      new Color(240, 228, 66)};

  private final XYChart chart;
  private int lines;

  private Plot(String title, String xLabel, String yLabel) {
    chart = new XYChartBuilder().width(720).height(460).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    XYStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesVisible(false);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setChartTitleBoxVisible(false);
    s.setAntiAlias(true);
    s.setXAxisDecimalPattern("#,##0.###");
  }

  /** A new plot; label axes with their units, e.g. {@code "orientation (deg)"}. */
  public static Plot titled(String title, String xLabel, String yLabel) {
    return new Plot(title, xLabel, yLabel);
  }

  /** Logarithmic x axis (training steps); non-positive x values are dropped from each line. */
  public Plot logX() {
    chart.getStyler().setXAxisLogarithmic(true);
    return this;
  }

  /** Logarithmic y axis. */
  public Plot logY() {
    chart.getStyler().setYAxisLogarithmic(true);
    return this;
  }

  /** The y axis from {@code min} to {@code max}. */
  public Plot yRange(double min, double max) {
    chart.getStyler().setYAxisMin(min).setYAxisMax(max);
    return this;
  }

  /** A measured line. */
  public Plot line(String name, double[] x, double[] y) {
    return add(name, x, y, false, null);
  }

  /** Measured points without a line (one per seed, say). */
  public Plot points(String name, double[] x, double[] y) {
    add(name, x, y, false, null);
    XYSeries s = chart.getSeriesMap().get(name);
    if (s != null) {
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(s.getLineColor());
    }
    return this;
  }

  /** A dashed line (a theory, a histogram, a reference) in the next colour. */
  public Plot theory(String name, double[] x, double[] y) {
    return add(name, x, y, true, null);
  }

  /** A dashed line in the colour of the line {@code matching} (its theory, say). */
  public Plot theory(String name, double[] x, double[] y, String matching) {
    XYSeries m = chart.getSeriesMap().get(matching);
    if (m == null) {
      throw new IllegalArgumentException("no line named '" + matching + "' to match; lines: " + lineNames());
    }
    return add(name, x, y, true, m.getLineColor());
  }

  /** Adds a line in {@code colour}, or in the palette's next colour when null. */
  private Plot add(String name, double[] x, double[] y, boolean dashed, @Nullable Color colour) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values, y has " + y.length);
    }
    double[][] kept = finite(x, y);
    if (kept[0].length == 0) {
      return this;
    }
    XYSeries s = chart.addSeries(name, kept[0], kept[1]);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour != null ? colour : PALETTE[lines++ % PALETTE.length]);
    s.setLineStyle(dashed ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
        : new BasicStroke(2f));
    return this;
  }

  private double[][] finite(double[] x, double[] y) {
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (keep(x[i], y[i], logX, logY)) {
        n++;
      }
    }
    double[] kx = new double[n];
    double[] ky = new double[n];
    for (int i = 0, j = 0; i < x.length; i++) {
      if (keep(x[i], y[i], logX, logY)) {
        kx[j] = x[i];
        ky[j++] = y[i];
      }
    }
    return new double[][] {kx, ky};
  }

  private static boolean keep(double x, double y, boolean logX, boolean logY) {
    return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
  }

  /** The chart as PNG bytes. */
  public byte[] png() {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render '" + chart.getTitle() + "' as PNG: " + e.getMessage(), e);
    }
  }

  /** The chart as SVG bytes. */
  public byte[] svg() {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render '" + chart.getTitle() + "' as SVG: " + e.getMessage(), e);
    }
  }

  /** The chart's title. */
  public String title() {
    return chart.getTitle();
  }

  /** The names of its lines, in order. */
  public List<String> lineNames() {
    return List.copyOf(chart.getSeriesMap().keySet());
  }

  /** Writes {@code <name>.png} and {@code <name>.svg} under the writer's folder, each atomically. */
  public Figure writeTo(RunWriter writer, String name) {
    writer.writeAtomically(name + ".png", png());
    writer.writeAtomically(name + ".svg", svg());
    return new Figure(name, chart.getTitle());
  }

  /**
   * A written figure: {@code <file>.png} and {@code <file>.svg} in a run folder, and its caption.
   * {@code Figure f = plot.writeTo(writer, "acuity");   // acuity.png, acuity.svg; f.caption() = the title}
   *
   * @param file the base name
   * @param caption what it shows
   */
  public record Figure(String file, String caption) {}
}
