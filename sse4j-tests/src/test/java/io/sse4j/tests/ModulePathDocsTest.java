package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.EventStream;
import io.sse4j.jackson.JacksonSse;
import java.io.File;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's module-path example: the {@code module-info.java} it shows (kept in
 * {@code src/test/resources/modular}) compiles against sse4j-core and sse4j-jackson on the module
 * path, and a module declared that way maps event data into its own record with JacksonSse; without
 * the {@code opens} line, mapping fails, which is why the guide shows it.
 */
class ModulePathDocsTest {

    private static final Path SOURCES = Path.of("src/test/resources/modular");

    @TempDir
    Path dir;

    @Test
    void aModuleAsTheGuideShowsMapsEventDataIntoItsRecords() throws Exception {
        assertEquals("hi", run(Files.readString(SOURCES.resolve("module-info.java"))));
    }

    @Test
    void withoutOpensJacksonCannotMapTheRecords() throws Exception {
        String moduleInfo = Files.readString(SOURCES.resolve("module-info.java"));
        String withoutOpens = moduleInfo.lines().filter(l -> !l.strip().startsWith("opens "))
                .collect(Collectors.joining("\n"));
        assertTrue(withoutOpens.length() < moduleInfo.length());
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> run(withoutOpens));
        assertInstanceOf(UncheckedIOException.class, e.getCause(), "as the guide says");
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            causes.append(t).append('\n');
        }
        assertTrue(causes.toString().contains("module com.example.chat does not \"exports com.example.chat\" to module com.fasterxml.jackson.databind"),
                causes.toString());
    }

    @Test
    void theModuleNamesAreTheModulesOwn() {
        assertEquals("io.sse4j", moduleNameAt(EventStream.class));
        assertEquals("io.sse4j.jackson", moduleNameAt(JacksonSse.class));
        assertEquals("com.fasterxml.jackson.databind", moduleNameAt(ObjectMapper.class));
    }

    /** Compiles the example module with this module-info and calls {@code Chat.text} in a layer of its own. */
    private String run(String moduleInfo) throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        Files.createDirectories(src.resolve("com/example/chat"));
        Files.createDirectories(out);
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.copy(SOURCES.resolve("com/example/chat/Chat.java"), src.resolve("com/example/chat/Chat.java"));
        List<Path> modulePath = modulePath();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-d", out.toString(),
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        List<String> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
        assertTrue(compiled, diagnostics.toString());

        List<Path> layerPath = new ArrayList<>(modulePath);
        layerPath.add(0, out);
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(layerPath.toArray(Path[]::new)), ModuleFinder.of(), Set.of("com.example.chat"));
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(configuration,
                List.of(ModuleLayer.boot()), ClassLoader.getPlatformClassLoader());
        Module chat = controller.layer().findModule("com.example.chat").orElseThrow();
        controller.addExports(chat, "com.example.chat", ModulePathDocsTest.class.getModule()); // to this test only
        Method text = chat.getClassLoader().loadClass("com.example.chat.Chat").getMethod("text", String.class);
        return (String) text.invoke(null, "{\"text\":\"hi\"}");
    }

    /** sse4j-core, sse4j-jackson and Jackson's jars, as this test's class path has them. */
    private static List<Path> modulePath() throws URISyntaxException {
        List<Path> path = new ArrayList<>();
        for (Class<?> c : List.of(EventStream.class, JacksonSse.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)) {
            path.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return path;
    }

    private static String moduleNameAt(Class<?> c) {
        try {
            return ModuleFinder.of(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()))
                    .findAll().iterator().next().descriptor().name();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
