package io.sse4j.tests.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The published modules of this reactor and the jars that {@code mvn verify} has just built for
 * them. Failsafe passes the list in (see this module's pom), so these checks only run after the
 * package phase, when the jars exist.
 */
final class PublishedJars {

    /** One published module: its artifactId and the JPMS name its jar must declare. */
    record Published(String artifactId, String moduleName) {

        /** The jar with this classifier ("" for the main jar) under the module's target folder. */
        Path jar(String classifier) {
            String suffix = classifier.isEmpty() ? "" : "-" + classifier;
            return ROOT.resolve(artifactId).resolve("target")
                    .resolve(artifactId + "-" + VERSION + suffix + ".jar");
        }
    }

    /** The root of the source tree (the parent pom's folder). */
    static final Path ROOT = Path.of(required("sse4j.root")).toAbsolutePath().normalize();

    static final String VERSION = required("sse4j.version");

    /** The classifiers of what each published module puts in the release bundle. */
    static final List<String> CLASSIFIERS = List.of("", "sources", "javadoc");

    private PublishedJars() {
    }

    /** Parses {@code sse4j.published}: {@code artifactId:moduleName} pairs separated by commas. */
    static List<Published> all() {
        List<Published> all = new ArrayList<>();
        for (String pair : required("sse4j.published").split(",")) {
            String[] parts = pair.strip().split(":");
            if (parts.length != 2) {
                throw new IllegalStateException("sse4j.published: expected artifactId:moduleName, got " + pair);
            }
            all.add(new Published(parts[0], parts[1]));
        }
        return all;
    }

    /** The jar, which must exist: these checks read what the build produced, never build it. */
    static Path existing(Published module, String classifier) {
        Path jar = module.jar(classifier);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -B verify from " + ROOT);
        }
        return jar;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it)");
        }
        return value;
    }
}
