import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CI helper (run as {@code java .ci/TestReports.java ROOT}): sums the JUnit XML reports of the
 * last build under ROOT (surefire-reports, failsafe-reports, and bnd's test-reports) and checks
 * that tests really ran: at least one in all, and at least one in every module whose
 * src/test/java holds test classes. Prints a line per module and, last,
 * {@code N passed, N failed}. Exit status 0 only when tests ran and none failed.
 */
public class TestReports {
    private static final Pattern REPORT_DIR = Pattern.compile("(.*)/target/(surefire-reports|failsafe-reports|test-reports)/[^/]+\\.xml");
    private static final Pattern TEST_CLASS = Pattern.compile("(Test[^/]*|[^/]*Tests?|[^/]*TestCase|[^/]*IT|[^/]*ITCase)\\.java");

    record Counts(long tests, long failures, long errors, long skipped) {
        Counts plus(Counts other) {
            return new Counts(tests + other.tests, failures + other.failures, errors + other.errors, skipped + other.skipped);
        }

        long failed() {
            return failures + errors;
        }

        long passed() {
            return tests - failed() - skipped;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, Counts> byModule = new TreeMap<>();
        for (Path report : files(root)) {
            String relative = root.relativize(report).toString().replace('\\', '/');
            var matcher = REPORT_DIR.matcher(relative);
            if (!matcher.matches() || report.getFileName().toString().equals("failsafe-summary.xml")) {
                continue;
            }
            String name = report.getFileName().toString();
            if (!matcher.group(2).equals("test-reports") && !name.startsWith("TEST-")) {
                continue;
            }
            byModule.merge(matcher.group(1).isEmpty() ? "." : matcher.group(1), read(report), Counts::plus);
        }

        List<String> problems = new ArrayList<>();
        for (String module : modulesWithTests(root)) {
            if (byModule.getOrDefault(module, new Counts(0, 0, 0, 0)).tests() == 0) {
                problems.add("module " + module + " has test classes but no test ran (no reports, or 0 tests)");
            }
        }
        Counts total = new Counts(0, 0, 0, 0);
        for (var entry : byModule.entrySet()) {
            Counts c = entry.getValue();
            System.out.printf("  %-40s %5d tests, %d failed, %d skipped%n", entry.getKey(), c.tests(), c.failed(), c.skipped());
            total = total.plus(c);
        }
        if (total.tests() == 0) {
            problems.add("no test reports with tests in them were found: did the tests run?");
        }
        problems.forEach(problem -> System.out.println("ERROR: " + problem));
        if (total.skipped() > 0) {
            System.out.println(total.skipped() + " skipped");
        }
        System.out.println(total.passed() + " passed, " + total.failed() + " failed");
        System.exit(problems.isEmpty() && total.failed() == 0 ? 0 : 1);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.toString().contains("/.git/")).filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    /** Directories with a pom.xml whose src/test/java has a file named like a test class. */
    private static List<String> modulesWithTests(Path root) throws IOException {
        List<String> modules = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path pom : walk.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")).toList()) {
                Path tests = pom.resolveSibling("src/test/java");
                if (Files.isDirectory(tests)) {
                    try (Stream<Path> sources = Files.walk(tests)) {
                        if (sources.anyMatch(p -> TEST_CLASS.matcher(p.getFileName().toString()).matches())) {
                            String module = root.relativize(pom.getParent()).toString();
                            modules.add(module.isEmpty() ? "." : module);
                        }
                    }
                }
            }
        }
        return modules;
    }

    private static Counts read(Path report) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
        if (root.getTagName().equals("testsuite")) {
            return counts(root);
        }
        Counts sum = new Counts(0, 0, 0, 0);
        NodeList suites = root.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            sum = sum.plus(counts((Element) suites.item(i)));
        }
        return sum;
    }

    private static Counts counts(Element suite) {
        return new Counts(number(suite, "tests"), number(suite, "failures"), number(suite, "errors"), number(suite, "skipped"));
    }

    private static long number(Element element, String attribute) {
        String value = element.getAttribute(attribute).trim();
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
