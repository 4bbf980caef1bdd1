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
  private double polarRadius = -1;

  private Plot(String title, String xLabel, String yLabel) {
    this(title, xLabel, yLabel, 720, 460);
  }

  private Plot(String title, String xLabel, String yLabel, int width, int height) {
    chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
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

  /**
   * A polar plot: each {@link #polar line} is drawn at radius {@code r(θ)} in direction {@code θ},
   * on equal axes with the unit circle (the curve's own mean, when curves are normalised by it)
   * dashed for reference; a circle is a flat curve, a bulge a preferred direction.
   *
   * <pre>{@code
   * Plot.polar("Hue sensitivity, relu2", "√D / mean").polar("trained", hues, normalised).writeTo(w, "hue-polar");
   * }</pre>
   */
  public static Plot polar(String title, String radiusLabel) {
    Plot p = new Plot(title, radiusLabel + " · cos θ", radiusLabel + " · sin θ", 560, 600);
    p.chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    p.chart.getStyler().setYAxisDecimalPattern("0.#");
    p.chart.getStyler().setXAxisDecimalPattern("0.#");
    double[] t = new double[361];
    for (int k = 0; k <= 360; k++) {
      t[k] = k;
    }
    double[] one = new double[361];
    java.util.Arrays.fill(one, 1);
    p.polarRadius = 1;
    p.addPolar("unit circle (the mean)", t, one, true, new Color(150, 150, 150));
    return p;
  }

  /**
   * A closed line at radius {@code r[i]} in direction {@code degrees[i]} (degrees counter-clockwise
   * from the x axis), on a plot made by {@link #polar}.
   */
  public Plot polar(String name, double[] degrees, double[] r) {
    if (polarRadius < 0) {
      throw new IllegalStateException("'" + name + "': polar lines need a plot made by Plot.polar");
    }
    return addPolar(name, degrees, r, false, null);
  }

  private Plot addPolar(String name, double[] degrees, double[] r, boolean dashed, @Nullable Color colour) {
    if (degrees.length != r.length) {
      throw new IllegalArgumentException("series '" + name + "': " + degrees.length + " angles, " + r.length + " radii");
    }
    double[] x = new double[r.length + 1];
    double[] y = new double[r.length + 1];
    for (int i = 0; i <= r.length; i++) {
      double a = Math.toRadians(degrees[i % r.length]);
      x[i] = r[i % r.length] * Math.cos(a);
      y[i] = r[i % r.length] * Math.sin(a);
      if (Double.isFinite(r[i % r.length])) {
        polarRadius = Math.max(polarRadius, Math.abs(r[i % r.length]));
      }
    }
    double lim = Math.ceil(polarRadius * 1.05 * 4) / 4;
    chart.getStyler().setXAxisMin(-lim).setXAxisMax(lim).setYAxisMin(-lim).setYAxisMax(lim);
    return add(name, x, y, dashed, colour);
  }

  /**
   * A measured line with error bars ({@code ±errors[i]} at each point: a spread over seeds, say),
   * drawn with markers.
   */
  public Plot line(String name, double[] x, double[] y, double[] errors) {
    if (errors.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "': y has " + y.length + " values, errors " + errors.length);
    }
    for (double v : errors) {
      if (!Double.isFinite(v) || v < 0) {
        throw new IllegalArgumentException("series '" + name + "': error bars must be finite and ≥ 0, got " + v);
      }
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("series '" + name + "': a line with error bars needs finite points, got ("
            + x[i] + ", " + y[i] + ")");
      }
    }
    XYSeries s = chart.addSeries(name, x, y, errors);
    s.setMarker(SeriesMarkers.CIRCLE);
    Color c = PALETTE[lines++ % PALETTE.length];
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setLineStyle(new BasicStroke(2f));
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    return this;
  }

  /**
   * A dashed grey line on a second y axis on the right, titled {@code axisTitle}: what explains the
   * measured lines (an image statistic, a histogram) on its own scale, so that neither squashes the
   * other.
   */
  public Plot onRightAxis(String name, double[] x, double[] y, String axisTitle) {
    return onRight(name, x, y, axisTitle, new Color(110, 110, 110));
  }

  /** {@link #onRightAxis(String, double[], double[], String)} dashed in the colour of line {@code matching} (what it explains). */
  public Plot onRightAxis(String name, double[] x, double[] y, String axisTitle, String matching) {
    XYSeries m = chart.getSeriesMap().get(matching);
    if (m == null) {
      throw new IllegalArgumentException("no line named '" + matching + "' to match; lines: " + lineNames());
    }
    return onRight(name, x, y, axisTitle, m.getLineColor());
  }

  /** A thin grey dashed reference line (a threshold, a bar) that takes no colour from the palette. */
  public Plot reference(String name, double[] x, double[] y) {
    add(name, x, y, true, new Color(160, 160, 160));
    return this;
  }

  private Plot onRight(String name, double[] x, double[] y, String axisTitle, Color colour) {
    add(name, x, y, true, colour);
    XYSeries s = chart.getSeriesMap().get(name);
    if (s != null) {
      s.setYAxisGroup(1);
      chart.setYAxisGroupTitle(1, axisTitle);
      chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    return this;
  }

  /** Which y axis line {@code name} is drawn against: 0 the left, 1 the right. */
  int axisOf(String name) {
    XYSeries s = chart.getSeriesMap().get(name);
    if (s == null) {
      throw new IllegalArgumentException("no line named '" + name + "'; lines: " + lineNames());
    }
    return s.getYAxisGroup();
  }

  /** The legend below the plot, so that the plot area takes the whole width (many x labels, say). */
  public Plot legendBelow() {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    return this;
  }

  /** Category labels for the x axis: {@code labels[i]} at {@code x = i}. */
  public Plot xLabels(List<String> labels) {
    chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
      int i = (int) Math.round(v);
      return Math.abs(v - i) < 1e-9 && i >= 0 && i < labels.size() ? labels.get(i) : " ";
    });
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setXAxisTickMarkSpacingHint(30);
    // no explicit x range here: XChart 3.8.8 then draws no tick labels at all
    return this;
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
  public record Figure(String file, String caption) {
    /** This figure with {@code reading} (what to look for, and the number that decides) after its title. */
    public Figure explained(String reading) {
      return new Figure(file, caption + ". " + reading);
    }
  }
}
