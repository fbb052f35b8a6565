package io.sse4j.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.tests.release.PublishedJars.Published;
import java.io.IOException;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each published jar is a proper JPMS module: it declares the expected name in a module-info
 * (so it is not automatic), and a JVM started with the jars on {@code --module-path} resolves all
 * of them and loads the classes of their exported packages ({@link ModuleProbe}).
 */
class ModulePathIT {

    @Test
    void eachPublishedJarDeclaresItsModule() {
        for (Published module : PublishedJars.all()) {
            Path jar = PublishedJars.existing(module, "");
            Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
            assertEquals(1, found.size(), jar + " holds one module");
            ModuleDescriptor descriptor = found.iterator().next().descriptor();
            assertEquals(module.moduleName(), descriptor.name(), jar + " module name");
            assertFalse(descriptor.isAutomatic(), jar + " has no module-info.class, so it is an automatic module");
        }
    }

    @Test
    void aJvmResolvesThemOnTheModulePath() throws Exception {
        List<Published> published = PublishedJars.all();
        List<Path> ours = new ArrayList<>();
        for (Published module : published) {
            ours.add(PublishedJars.existing(module, ""));
        }
        Set<String> names = published.stream().map(Published::moduleName).collect(Collectors.toCollection(LinkedHashSet::new));
        List<Path> modulePath = new ArrayList<>(ours);
        modulePath.addAll(thirdPartyJarsRequiredBy(ours, names));

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", join(modulePath),
                "--add-modules", String.join(",", names),
                "-cp", Path.of(ModuleProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                ModuleProbe.class.getName()));
        for (Published module : published) {
            command.add(module.moduleName() + "=" + module.jar(""));
        }
        Path log = Files.createTempFile("module-probe", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(output);
            assertTrue(exited, "the probe JVM did not exit within 2 minutes:\n" + output);
            assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
            for (String name : names) {
                assertTrue(output.contains(name + ": explicit module"), output);
            }
        } finally {
            Files.delete(log);
        }
    }

    /**
     * The jars of the modules, other than the JDK's and ours, that our modules need: resolved
     * from the jars of this test's class path that come from the local Maven repository.
     */
    private static List<Path> thirdPartyJarsRequiredBy(List<Path> ours, Set<String> names) throws IOException {
        Path repository = Path.of(PublishedJars.required("maven.repo.local")).toAbsolutePath().normalize();
        List<Path> candidates = new ArrayList<>();
        for (URL manifest : Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            String url = manifest.toString();
            if (url.startsWith("jar:file:")) {
                Path jar = Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/"))));
                if (jar.startsWith(repository)) {
                    candidates.add(jar);
                }
            }
        }
        // Only the modules our modules require, directly or through others: once one automatic
        // module (such as the MCP SDK that sse4j-mcp requires) is resolved, JPMS resolves every
        // observable automatic module, and the rest of the test class path would then clash.
        Map<String, Path> byName = new HashMap<>();
        for (Path jar : candidates) {
            try {
                ModuleFinder.of(jar).findAll().forEach(m -> byName.putIfAbsent(m.descriptor().name(), jar));
            } catch (FindException e) {
                // a jar that cannot be a module is not one of ours' dependencies
            }
        }
        Set<Path> required = new LinkedHashSet<>();
        ArrayDeque<ModuleDescriptor> todo = new ArrayDeque<>();
        ModuleFinder.of(ours.toArray(Path[]::new)).findAll().forEach(m -> todo.add(m.descriptor()));
        while (!todo.isEmpty()) {
            for (ModuleDescriptor.Requires requires : todo.remove().requires()) {
                Path jar = byName.get(requires.name());
                if (jar != null && !requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                        && required.add(jar)) {
                    ModuleFinder.of(jar).findAll().forEach(m -> todo.add(m.descriptor()));
                }
            }
        }
        Configuration resolved = ModuleLayer.boot().configuration().resolve(
                ModuleFinder.of(ours.toArray(Path[]::new)),
                ModuleFinder.of(required.toArray(Path[]::new)),
                names);
        List<Path> jars = new ArrayList<>();
        for (ResolvedModule module : resolved.modules()) {
            Path jar = Path.of(module.reference().location().orElseThrow());
            if (!ours.contains(jar)) {
                jars.add(jar);
            }
        }
        return jars;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
