package io.sse4j.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The code examples of a Markdown document, each in a compilation unit of its own under the test
 * sources, so that an example's imports are that file's imports and the document shows them.
 *
 * <p>An example lies between the lines {@code // NAME:begin} and {@code // NAME:end}, one example
 * a file; lines between {@code // NAME:hide} and {@code // NAME:show} run in the test but are not
 * shown. The document shows the file's imports, a blank line, then the example without its common
 * indentation, with {@code System_out} and {@code System_err} (fields or parameters, so that a test
 * can capture them) spelled {@code System.out} and {@code System.err}. Every import must be used by
 * the shown code (outside comments and strings): the compiler then holds the shown imports to be
 * exactly what the shown code needs, since code around the example that needs another type names
 * it in full. Wildcard imports are refused, as they would hide what an example needs.
 */
final class DocSnippets {

    private static final Pattern BEGIN = Pattern.compile("^\\s*// (\\w+):begin$", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+);$", Pattern.MULTILINE);
    private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\n.*?^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern STRING_OR_COMMENT = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|//.*");

    /** Example name to the source of its file. */
    private final Map<String, Source> examples;

    private record Source(Path file, String text) {
    }

    private DocSnippets(Map<String, Source> examples) {
        this.examples = examples;
    }

    /** The examples in a package of this module's test sources, e.g. {@code io.sse4j.tests.guide}. */
    static DocSnippets inPackage(String packageName) throws IOException {
        return in(Path.of("src/test/java", packageName.split("\\.")));
    }

    /** The examples in the {@code .java} files under {@code dirs}, one example a file. */
    static DocSnippets in(Path... dirs) throws IOException {
        Map<String, Source> examples = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        for (Path file : files) {
            String text = Files.readString(file);
            List<String> names = new ArrayList<>();
            Matcher m = BEGIN.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (names.size() > 1) {
                throw new IllegalStateException(file + " holds the examples " + names
                        + ": one example a file, so that its imports are its own");
            }
            for (String name : names) {
                if (examples.put(name, new Source(file, text)) != null) {
                    throw new IllegalStateException("two examples named " + name);
                }
            }
        }
        return new DocSnippets(examples);
    }

    /** A file of the repository, read from this module's directory. */
    static String document(String path) throws IOException {
        return Files.readString(Path.of("..", path));
    }

    /** The names of the examples. */
    List<String> names() {
        return List.copyOf(examples.keySet());
    }

    /** Example {@code name} as a document shows it: a fenced {@code java} block, its imports first. */
    String fenced(String name) {
        Source example = examples.get(name);
        if (example == null) {
            throw new IllegalArgumentException("no example " + name);
        }
        String source = example.text();
        int begin = source.indexOf("// " + name + ":begin\n");
        int end = source.indexOf("// " + name + ":end\n");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("example " + name + " in " + example.file() + " has no end");
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
        StringBuilder code = new StringBuilder();
        for (String line : shown) {
            code.append(line.isBlank() ? "" : line.substring(indent)
                    .replace("System_out", "System.out").replace("System_err", "System.err")).append('\n');
        }
        List<String> imports = imports(name, example, code.toString());
        StringBuilder block = new StringBuilder("```java\n");
        for (String line : imports) {
            block.append(line).append('\n');
        }
        if (!imports.isEmpty()) {
            block.append('\n');
        }
        return block.append(code).append("```").toString();
    }

    /** The import lines of the example's file, each checked to be used by the shown code. */
    private static List<String> imports(String name, Source example, String shownCode) {
        if (example.text().lines().anyMatch(l -> l.startsWith("import ") && l.endsWith(".*;"))) {
            throw new IllegalStateException(example.file() + ": a wildcard import hides what example " + name + " needs");
        }
        String code = STRING_OR_COMMENT.matcher(shownCode).replaceAll("\"\"");
        List<String> imports = new ArrayList<>();
        Matcher m = IMPORT.matcher(example.text());
        while (m.find()) {
            String qualified = m.group(2);
            String simpleName = qualified.substring(qualified.lastIndexOf('.') + 1);
            if (!Pattern.compile("\\b" + Pattern.quote(simpleName) + "\\b").matcher(code).find()) {
                throw new IllegalStateException(example.file() + " imports " + qualified + ", which the shown code of example "
                        + name + " does not use: name it in full outside the example, or drop the import");
            }
            imports.add(m.group());
        }
        return imports;
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

    /** Every example of this set appears in {@code markdown} as tested, and every Java block there is one of them. */
    static List<String> problems(DocSnippets snippets, String document, String markdown) {
        List<String> problems = new ArrayList<>();
        List<String> tested = new ArrayList<>();
        for (String name : snippets.names()) {
            String fenced;
            try {
                fenced = snippets.fenced(name);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (!markdown.contains(fenced)) {
                problems.add(document + " does not show example " + name + " as tested:\n" + fenced);
            }
            tested.add(fenced);
        }
        for (String block : javaBlocks(markdown)) {
            if (!tested.contains(block)) {
                problems.add(document + " shows a Java example that no test compiles:\n" + block);
            }
        }
        return problems;
    }
}
