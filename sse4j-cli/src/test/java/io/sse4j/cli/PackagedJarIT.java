package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the package phase made: the runnable jar on its own, the launcher script, the class-data archive. */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "sse4j.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("sse4j").toAbsolutePath();

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("sse4j", ".out");
        Path err = Files.createTempFile("sse4j", ".err");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " still running after 60 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static List<String> javaJar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Map<String, String> javaHome() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    @Test
    void theJarRunsOnItsOwn() throws Exception {
        Run version = run(Map.of(), javaJar("--version"));
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("sse4j " + VersionProvider.version() + "\nJava "), version.out());

        Run demo = run(Map.of(), javaJar("demo", "--pace=0", "--json"));
        assertEquals(0, demo.code(), demo.out() + demo.err());
        assertEquals(10, demo.out().lines().count(), demo.out());
        assertTrue(demo.err().contains("sse4j demo: 10 events, each once and in order"), demo.err());
    }

    @Test
    void theLauncherRunsTheJarWithTheClassDataArchive(@TempDir Path cache) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(javaHome());
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("SSE4J_JAVA_OPTS", "-Xlog:class+load=info:file=" + cache.resolve("classes.log"));
        Run version = run(env, List.of(LAUNCHER.toString(), "--version"));
        assertEquals(0, version.code(), version.err());
        assertEquals("", version.err());
        assertTrue(version.out().startsWith("sse4j "), version.out());
        String loaded = Files.readString(cache.resolve("classes.log"));
        if (Runtime.version().feature() < 19 && Files.exists(Path.of("target", "sse4j.jsa"))) {
            assertTrue(loaded.contains("io.sse4j.cli.Main source: shared objects file"), "the build's archive is used");
            assertTrue(loaded.contains("picocli.CommandLine source: shared objects file"), "picocli is in it");
        }

        Run unknown = run(env, List.of(LAUNCHER.toString(), "--no-such-option"));
        assertEquals(2, unknown.code(), unknown.err());
        assertEquals("", unknown.out());
    }
}
