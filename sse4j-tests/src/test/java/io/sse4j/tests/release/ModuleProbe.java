package io.sse4j.tests.release;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Runs in a JVM of its own, started with the published jars on {@code --module-path}, and checks
 * each named module in the boot layer as a user's application would meet it: present, explicit
 * (not automatic), and every public class of every exported package loadable from it. Arguments
 * are {@code moduleName=jarPath} pairs. Exits with 1 and one line per failure otherwise.
 */
public final class ModuleProbe {

    private ModuleProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> failures = new ArrayList<>();
        for (String arg : args) {
            String name = arg.substring(0, arg.indexOf('='));
            Path expectedJar = Path.of(arg.substring(arg.indexOf('=') + 1));
            failures.addAll(check(name, expectedJar));
        }
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.exit(1);
        }
    }

    private static List<String> check(String name, Path expectedJar) throws Exception {
        Module module = ModuleLayer.boot().findModule(name).orElse(null);
        if (module == null) {
            return List.of(name + ": not in the boot layer");
        }
        List<String> failures = new ArrayList<>();
        ModuleDescriptor descriptor = module.getDescriptor();
        if (descriptor.isAutomatic()) {
            failures.add(name + ": an automatic module; the jar has no module-info.class");
        }
        ResolvedModule resolved = ModuleLayer.boot().configuration().findModule(name).orElseThrow();
        Path location = Path.of(resolved.reference().location().map(URI::getPath).orElse(""));
        if (!location.equals(expectedJar)) {
            failures.add(name + ": loaded from " + location + ", expected " + expectedJar);
        }
        if (descriptor.exports().isEmpty()) {
            failures.add(name + ": exports nothing");
        }
        int loaded = 0;
        try (JarFile jar = new JarFile(expectedJar.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String path = entry.getName();
                if (!path.endsWith(".class") || path.endsWith("module-info.class") || path.endsWith("package-info.class")) {
                    continue;
                }
                String className = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                String packageName = className.substring(0, className.lastIndexOf('.'));
                if (!module.isExported(packageName)) {
                    continue;
                }
                Class<?> type = Class.forName(module, className);
                if (type == null) {
                    failures.add(name + ": cannot load " + className);
                } else if (type.getModule() != module) {
                    failures.add(name + ": " + className + " came from " + type.getModule());
                } else {
                    loaded++;
                }
            }
        }
        if (loaded == 0) {
            failures.add(name + ": no class of an exported package could be loaded");
        }
        System.out.println(name + (descriptor.isAutomatic() ? ": automatic" : ": explicit") + " module, " + loaded + " classes of "
                + descriptor.exports().size() + " exported package(s) loaded from " + location.getFileName());
        return failures;
    }
}
