package org.elephas.benchmarks.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * The report's plot: how many times better Elephas is than the baseline, per measure, for the
 * worker lifecycle (left) and end to end (right), on a logarithmic axis with parity marked.
 */
final class RatioPlot {

    private static final int PANEL_WIDTH = 640;
    private static final int HEIGHT = 520;

    private final ReportData data;

    RatioPlot(ReportData data) {
        this.data = data;
    }

    /** Write the PNG; false (and no file) when the run has no ratio to plot. */
    boolean write(Path png, List<String> lifecycleFiles, List<String> endToEndFiles) throws IOException {
        CategoryChart lifecycle = panel("Worker lifecycle vs PostgreSQL 15 (green: Elephas ahead)", lifecycleFiles);
        CategoryChart endToEnd = panel("End to end vs PostgreSQL 15 (red: Elephas behind)", endToEndFiles);
        if (lifecycle == null && endToEnd == null) {
            return false;
        }
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int x = 0;
        for (CategoryChart chart : new CategoryChart[] {lifecycle, endToEnd}) {
            if (chart != null) {
                Graphics2D panel = (Graphics2D) g.create(x, 0, PANEL_WIDTH, HEIGHT);
                chart.paint(panel, PANEL_WIDTH, HEIGHT);
                panel.dispose();
            }
            x += PANEL_WIDTH;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        return true;
    }

    /** One panel: each measure of the files that has an Elephas and a PostgreSQL series. */
    private CategoryChart panel(String title, List<String> files) {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (String measure : data.measuresOf(files)) {
            if (measure.contains("latency") || measure.startsWith("resident memory")) {
                continue; // pgbench's latency ratio repeats its throughput ratio; memory is no speed
            }
            Optional<Series> elephas = data.find(Series.ELEPHAS, measure);
            Optional<Series> postgres = data.find("PostgreSQL 15", measure);
            if (elephas.isPresent() && postgres.isPresent()) {
                labels.add(measure);
                ratios.add(Figures.advantage(elephas.get(), postgres.get()));
            }
        }
        if (labels.isEmpty()) {
            return null;
        }
        // Bars of log10(ratio) from parity on a linear axis, ticks labelled as ratios: XChart's
        // logarithmic axis cannot draw bars, which start at zero.
        List<Double> ahead = new ArrayList<>();
        List<Double> behind = new ArrayList<>();
        for (double ratio : ratios) {
            double log = Math.log10(ratio);
            ahead.add(log >= 0 ? log : 0.0);
            behind.add(log < 0 ? log : 0.0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title)
                .yAxisTitle("Elephas better by (log scale)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setOverlapped(true);
        styler.setXAxisLabelRotation(60);
        styler.setLegendVisible(false); // the title says what the colours mean
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setyAxisTickLabelsFormattingFunction(log -> Figures.ratio(Math.pow(10, log)));
        chart.addSeries("Elephas ahead", labels, ahead).setFillColor(new Color(0x2e7d32));
        chart.addSeries("Elephas behind", labels, behind).setFillColor(new Color(0xc62828));
        return chart;
    }
}
