package org.elephas.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The report's file format for every measurement that is not JMH (scripts and main classes):
 * a title, free notes, and series of raw samples.
 *
 * <pre>{"title": "...", "notes": ["..."],
 *  "series": [{"system": "Elephas", "measure": "drop -> active", "unit": "ms", "samples": [112.1, 113.4]}]}</pre>
 */
public final class SeriesFile {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** One series as it is written. */
    record Entry(String system, String measure, String unit, List<Double> samples) {
    }

    /** The file's content. */
    record Content(String title, List<String> notes, List<Entry> series) {
    }

    private SeriesFile() {
    }

    /** Write series whose samples were each seen once. */
    public static void write(Path file, String title, List<String> notes, List<Series> series) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Series s : series) {
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < s.values().length; i++) {
                for (long c = 0; c < s.counts()[i]; c++) {
                    samples.add(s.values()[i]);
                }
            }
            entries.add(new Entry(s.system(), s.measure(), s.unit(), samples));
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GSON.toJson(new Content(title, notes, entries), out);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return its series (those without samples left out)
     * @throws IOException when it cannot be read
     */
    public static List<Series> readSeries(Path file) throws IOException {
        List<Series> series = new ArrayList<>();
        for (Entry e : read(file).series()) {
            if (e.samples() != null && !e.samples().isEmpty()) {
                series.add(Series.of(e.system(), e.measure(), e.unit(), e.samples()));
            }
        }
        return series;
    }

    /** Read a file written by {@link #write} or by a script in the same format. */
    static Content read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Content content = GSON.fromJson(in, Content.class);
            if (content == null || content.series() == null) {
                throw new IOException(file + ": no \"series\"");
            }
            return content;
        }
    }
}
