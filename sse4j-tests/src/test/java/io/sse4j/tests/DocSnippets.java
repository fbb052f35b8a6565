package io.sse4j.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code examples of a Markdown document, kept in a test class so that they compile and run.
 * An example lies between the lines {@code // NAME:begin} and {@code // NAME:end}; lines between
 * {@code // NAME:hide} and {@code // NAME:show} run in the test but are not shown. The document
 * shows an example without its common indentation, and with {@code System_out} and
 * {@code System_err} (parameters, so that a test can capture them) spelled {@code System.out} and
 * {@code System.err}.
 */
final class DocSnippets {

    private static final Pattern BEGIN = Pattern.compile("^\\s*// (\\w+):begin$", Pattern.MULTILINE);
    private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\n.*?^```$", Pattern.MULTILINE | Pattern.DOTALL);

    private final String source;

    private DocSnippets(String source) {
        this.source = source;
    }

    /** The examples in {@code TestClass.java} of this package's test sources. */
    static DocSnippets in(Class<?> testClass) throws IOException {
        return new DocSnippets(Files.readString(Path.of("src/test/java/io/sse4j/tests", testClass.getSimpleName() + ".java")));
    }

    /** A file of the repository, read from this module's directory. */
    static String document(String path) throws IOException {
        return Files.readString(Path.of("..", path));
    }

    /** The names of the examples, in source order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        Matcher m = BEGIN.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Example {@code name} as a document shows it: a fenced {@code java} block. */
    String fenced(String name) {
        int begin = source.indexOf("// " + name + ":begin\n");
        int end = source.indexOf("// " + name + ":end\n");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no example " + name);
        }
        List<String> shown = new ArrayList<>();
        boolean hidden = false;
        for (String line : source.substring(source.indexOf('\n', begin) + 1, end).lines().toList()) {
            String marker = line.strip();
            if (marker.equals("// " + name + ":hide")) {
                hidden = true;
            } else if (marker.equals("// " + name + ":show")) {
                hidden = false;
            } else if (!hidden) {
                shown.add(line);
            }
        }
        while (!shown.isEmpty() && shown.get(shown.size() - 1).isBlank()) {
            shown.remove(shown.size() - 1);
        }
        int indent = shown.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder block = new StringBuilder("```java\n");
        for (String line : shown) {
            block.append(line.isBlank() ? "" : line.substring(indent)
                    .replace("System_out", "System.out").replace("System_err", "System.err")).append('\n');
        }
        return block.append("```").toString();
    }

    /** The fenced {@code java} blocks of a Markdown document. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group());
        }
        return blocks;
    }
}
