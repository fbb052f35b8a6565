package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a document's examples are taken from their files: imports shown, and held to the shown code. */
class DocSnippetsTest {

    @TempDir
    Path dir;

    private DocSnippets example(String file, String source) throws IOException {
        Files.writeString(dir.resolve(file), source);
        return DocSnippets.in(dir);
    }

    @Test
    void anExampleIsShownWithTheImportsOfItsFile() throws IOException {
        DocSnippets snippets = example("A.java", """
                package p;

                import java.time.Duration;
                import static java.util.Objects.requireNonNull;

                class A {
                    void a(java.io.PrintStream System_out) {
                        // a:begin
                        Duration d = requireNonNull(Duration.ZERO);
                        // a:hide
                        d = d.plusSeconds(1);
                        // a:show
                        System_out.println(d);
                        // a:end
                    }
                }
                """);
        assertEquals("""
                ```java
                import java.time.Duration;
                import static java.util.Objects.requireNonNull;

                Duration d = requireNonNull(Duration.ZERO);
                System.out.println(d);
                ```""", snippets.fenced("a"));
    }

    @Test
    void anImportTheShownCodeDoesNotUseIsRefused() throws IOException {
        DocSnippets snippets = example("A.java", """
                import java.time.Duration;
                import java.util.List;

                class A {
                    void a(List<String> given) {
                        // a:begin
                        Duration d = Duration.ZERO; // a List in a comment does not count
                        String s = "nor a List in a string";
                        // a:end
                    }
                }
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> snippets.fenced("a"));
        assertTrue(e.getMessage().contains("imports java.util.List, which the shown code of example a does not use"),
                e.getMessage());
    }

    @Test
    void anImportUsedOnlyByHiddenLinesIsRefused() throws IOException {
        DocSnippets snippets = example("A.java", """
                import java.time.Duration;

                class A {
                    void a() {
                        // a:begin
                        // a:hide
                        Duration d = Duration.ZERO;
                        // a:show
                        int shown = 1;
                        // a:end
                    }
                }
                """);
        assertThrows(IllegalStateException.class, () -> snippets.fenced("a"));
    }

    @Test
    void aWildcardImportIsRefused() throws IOException {
        DocSnippets snippets = example("A.java", """
                import java.time.*;

                class A {
                    void a() {
                        // a:begin
                        Duration d = Duration.ZERO;
                        // a:end
                    }
                }
                """);
        assertThrows(IllegalStateException.class, () -> snippets.fenced("a"));
    }

    @Test
    void twoExamplesInOneFileAreRefused() throws IOException {
        Files.writeString(dir.resolve("A.java"), """
                class A {
                    // a:begin
                    int a;
                    // a:end
                    // b:begin
                    int b;
                    // b:end
                }
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DocSnippets.in(dir));
        assertTrue(e.getMessage().contains("one example a file"), e.getMessage());
    }

    @Test
    void aDocumentShowingAnExampleWithoutItsImportsFails() throws IOException {
        DocSnippets snippets = example("A.java", """
                import java.time.Duration;

                class A {
                    void a() {
                        // a:begin
                        Duration d = Duration.ZERO;
                        // a:end
                    }
                }
                """);
        String withoutImports = "text\n\n```java\nDuration d = Duration.ZERO;\n```\n";
        List<String> problems = DocSnippets.problems(snippets, "doc.md", withoutImports);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("doc.md does not show example a as tested"), problems.get(0));
        assertTrue(problems.get(1).startsWith("doc.md shows a Java example that no test compiles"), problems.get(1));
        assertEquals(List.of(), DocSnippets.problems(snippets, "doc.md", "```java\nimport java.time.Duration;\n\n"
                + "Duration d = Duration.ZERO;\n```\n"));
    }
}
