package org.elephas.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything one report run measured: the series of each result file in the results directory
 * ({@code jmh-*.json} from JMH, any other {@code *.json} in {@link SeriesFile}'s format), their
 * notes, and {@code machine.properties} written by {@code benchmarks/report.sh}.
 */
final class ReportData {

    private final Map<String, List<Series>> seriesByFile = new LinkedHashMap<>();
    private final Map<String, List<String>> notesByFile = new LinkedHashMap<>();
    private final Properties machine = new Properties();

    /** Load a results directory. */
    static ReportData load(Path directory) throws IOException {
        ReportData data = new ReportData();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith("jmh-") && name.endsWith(".json")) {
                data.seriesByFile.put(name, JmhResults.read(file));
            } else if (name.endsWith(".json")) {
                SeriesFile.Content content = SeriesFile.read(file);
                List<Series> series = new ArrayList<>();
                for (SeriesFile.Entry e : content.series()) {
                    if (e.samples() != null && !e.samples().isEmpty()) {
                        series.add(Series.of(e.system(), e.measure(), e.unit(), e.samples()));
                    }
                }
                data.seriesByFile.put(name, series);
                data.notesByFile.put(name, content.notes() == null ? List.of() : content.notes());
            }
        }
        Path machine = directory.resolve("machine.properties");
        if (Files.exists(machine)) {
            try (Reader in = Files.newBufferedReader(machine, StandardCharsets.UTF_8)) {
                data.machine.load(in);
            }
        }
        return data;
    }

    /** The series of one system and measure, if some file has it. */
    Optional<Series> find(String system, String measure) {
        return seriesByFile.values().stream().flatMap(List::stream)
                .filter(s -> s.system().equals(system) && s.measure().equals(measure)).findFirst();
    }

    /** The first series of a measure whose system's name ends with the suffix, if some file has one. */
    Optional<Series> findBySystemSuffix(String systemSuffix, String measure) {
        return seriesByFile.values().stream().flatMap(List::stream)
                .filter(s -> s.system().endsWith(systemSuffix) && s.measure().equals(measure)).findFirst();
    }

    /** The measures of the named files, in the order they first appear. */
    List<String> measuresOf(List<String> files) {
        Set<String> measures = new LinkedHashSet<>();
        for (String file : files) {
            seriesByFile.getOrDefault(file, List.of()).forEach(s -> measures.add(s.measure()));
        }
        return new ArrayList<>(measures);
    }

    /** The systems other than Elephas that measured any of these measures, in order of appearance. */
    List<String> baselinesOf(List<String> measures) {
        Set<String> systems = new LinkedHashSet<>();
        seriesByFile.values().stream().flatMap(List::stream)
                .filter(s -> measures.contains(s.measure()) && !s.system().equals(Series.ELEPHAS))
                .forEach(s -> systems.add(s.system()));
        return new ArrayList<>(systems);
    }

    /** The notes of a result file (none for JMH files). */
    List<String> notesOf(String file) {
        return notesByFile.getOrDefault(file, List.of());
    }

    /** True when the run produced this result file. */
    boolean has(String file) {
        return seriesByFile.containsKey(file);
    }

    /** A value of machine.properties, or "?" when the run did not record it. */
    String machine(String key) {
        return machine.getProperty(key, "?");
    }
}
