package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A fresh clone holds everything its documents point to: no link or reference leaves the repository. */
class RepositoryDocsTest {

    /** Built from parts, so that this file does not name what it looks for. */
    private static final String SHARED_FOLDER = ".." + "/shared/";
    private static final Pattern CONTRACT_SECTION = Pattern.compile("[Cc]ontract \u00a7");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyRelativeLinkInTheDocsResolvesInsideTheRepository() throws IOException {
        var broken = new ArrayList<String>();
        for (Path document : documents()) {
            var matcher = LINK.matcher(Files.readString(document));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = document.getParent() == null ? Path.of(target) : document.getParent().resolve(target);
                if (!resolved.normalize().toAbsolutePath().startsWith(Path.of("").toAbsolutePath())
                        || !Files.exists(resolved)) {
                    broken.add(document + " → " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), "links that go nowhere in this repository: " + broken);
    }

    @Test
    void nothingPointsAtFilesOutsideTheRepository() throws IOException {
        var outside = new ArrayList<String>();
        try (Stream<Path> files = Stream.concat(documents().stream(), Files.walk(Path.of("src")))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(java|md|json|jsonata|html|xml)"))
                    .toList()) {
                String text = Files.readString(file);
                if (text.contains(SHARED_FOLDER) || CONTRACT_SECTION.matcher(text).find()) {
                    outside.add(file.toString());
                }
            }
        }
        assertTrue(outside.isEmpty(), "references to documents this repository does not hold: " + outside);
    }

    private static List<Path> documents() throws IOException {
        var documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CHANGELOG.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).forEach(documents::add);
        }
        return documents;
    }

    @Test
    void theReadmesCallsUseTheSwitchboardVariable() throws IOException {
        // The sandbox prints export SWITCHBOARD=…; every example then works against any address.
        var hardCoded = Files.readString(Path.of("README.md")).lines()
                .filter(line -> line.contains("http://localhost:8080") && !line.startsWith("export SWITCHBOARD="))
                .toList();
        assertTrue(hardCoded.isEmpty(), "write $SWITCHBOARD in: " + hardCoded);
    }

    @Test
    void eachReleaseOfTheChangelogHasEachSectionOnceAndTheVersionIsThePoms() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String version = pom.replaceAll("(?s).*?<artifactId>switchboard</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        List<String> lines = Files.readAllLines(Path.of("CHANGELOG.md"));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("## " + version + " (")),
                "a tag-ready entry for " + version + ": ## " + version + " (date)");
        var seen = new java.util.HashSet<String>();
        String release = "";
        for (String line : lines) {
            if (line.startsWith("## ")) {
                release = line;
                assertTrue(seen.add(line), "the release appears twice: " + line);
            } else if (line.startsWith("### ")) {
                assertTrue(seen.add(release + " / " + line), "a duplicate section: " + release + " / " + line);
            }
        }
    }
}
