package io.sse4j.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.tests.release.PublishedJars.Published;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The published jars are reproducible: a second build of the same sources, from a copy of the
 * tree in another folder, later, in another time zone, gives byte-identical jars, sources jars
 * and Javadoc jars. The second build is a real {@code mvn package} with the Maven running this
 * build, offline, from the local repository this build filled.
 */
class ReproducibleBuildIT {

    /** Far from UTC and not a whole hour off it, so a zone leaking into zip times shows. */
    private static final String OTHER_TIME_ZONE = "Pacific/Chatham";

    private static final long BUILD_TIMEOUT_MINUTES = 8;

    @Test
    void aSecondBuildGivesByteIdenticalJars() throws Exception {
        List<Published> published = PublishedJars.all();
        for (Published module : published) {
            for (String classifier : PublishedJars.CLASSIFIERS) {
                PublishedJars.existing(module, classifier);
            }
        }
        Path copy = Path.of("target", "reproducibility", "tree").toAbsolutePath();
        deleteRecursively(copy.getParent());
        copySources(PublishedJars.ROOT, copy);

        Path log = copy.getParent().resolve("build.log");
        secondBuild(copy, published, log);

        List<String> differences = new ArrayList<>();
        for (Published module : published) {
            for (String classifier : PublishedJars.CLASSIFIERS) {
                Path first = module.jar(classifier);
                Path second = copy.resolve(PublishedJars.ROOT.relativize(first));
                if (!Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(second))) {
                    differences.add(first.getFileName() + " differs from the second build's " + second
                            + describe(first, second));
                }
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    private static void secondBuild(Path tree, List<Published> published, Path log) throws Exception {
        String mavenHome = PublishedJars.required("maven.home");
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        Path mvn = Path.of(mavenHome, "bin", windows ? "mvn.cmd" : "mvn");
        String modules = published.stream().map(Published::artifactId).collect(Collectors.joining(","));
        List<String> command = List.of(mvn.toString(), "-B", "-q", "--offline",
                "-Dmaven.repo.local=" + PublishedJars.required("maven.repo.local"),
                "-Dmaven.test.skip=true", "-pl", modules, "package");
        ProcessBuilder builder = new ProcessBuilder(command).directory(tree.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TZ", OTHER_TIME_ZONE);
        Process process = builder.start();
        boolean exited = process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(exited, "the second build did not finish in " + BUILD_TIMEOUT_MINUTES + " minutes:\n" + output);
        assertEquals(0, process.exitValue(), "the second build failed: " + String.join(" ", command)
                + " in " + tree + "\n" + output);
    }

    /** Copies the source tree: everything but build output and version control. */
    private static void copySources(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                String name = Objects.toString(dir.getFileName(), "");
                if (!dir.equals(from) && (name.equals("target") || name.equals(".git"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!file.getFileName().toString().equals(".git")) {
                    Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Which entries differ (or exist on one side only), to say what leaked into the archive. */
    private static String describe(Path first, Path second) throws IOException {
        Map<String, String> a = entries(first);
        Map<String, String> b = entries(second);
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String left = a.getOrDefault(name, "absent");
            String right = b.getOrDefault(name, "absent");
            if (!left.equals(right)) {
                lines.add("  " + name + ": " + left + " vs " + right);
            }
        }
        if (lines.isEmpty()) {
            lines.add("  (same entries, names, sizes, CRCs and times: the difference is in the zip structure)");
        }
        return ":\n" + String.join("\n", lines.subList(0, Math.min(lines.size(), 20)));
    }

    private static Map<String, String> entries(Path jar) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), "size " + entry.getSize() + " crc " + Long.toHexString(entry.getCrc())
                        + " time " + entry.getLastModifiedTime());
            }
        }
        return entries;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
