package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README and docs/cli.md say what the command does: its run command, its options, its exit codes, its examples. */
class DocsTest {

    private static final String RUN_COMMAND = "mvn -B -q -DskipTests package && java -jar sse4j-cli/target/sse4j.jar demo";

    private static String document(String path) throws Exception {
        return Files.readString(Path.of("..", path), StandardCharsets.UTF_8);
    }

    private static CommandLine commandLine() {
        Io io = new Io(java.io.InputStream.nullInputStream(), new PrintStream(new Capture(), true, StandardCharsets.UTF_8),
                new PrintStream(new Capture(), true, StandardCharsets.UTF_8), false, false, true);
        return new Cli(io, new Cancellation()).commandLine(true);
    }

    @Test
    void theReadmesRunCommandBuildsAndRunsTheDemo() throws Exception {
        assertTrue(document("README.md").contains("| `" + RUN_COMMAND + "` |"), "README run command");
        // What the command runs is DemoCommandTest's subject; here, that it is that command.
        CommandLine.ParseResult parsed = commandLine().parseArgs("demo");
        assertEquals("demo", parsed.subcommand().commandSpec().name());
    }

    @Test
    void everyExampleInTheReadmeAndTheManualParses() throws Exception {
        List<String> examples = new ArrayList<>();
        for (String document : List.of("README.md", "docs/cli.md")) {
            examples.addAll(commands(document(document)));
        }
        assertTrue(examples.size() >= 11, examples.toString());
        for (String example : examples) {
            List<String> args = ShellWords.split(example);
            try {
                commandLine().parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(example + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void theManualListsEveryOptionOfEveryCommand() throws Exception {
        String manual = document("docs/cli.md");
        List<String> missing = new ArrayList<>();
        CommandLine root = commandLine();
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        for (CommandLine command : commands) {
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                for (String name : option.names()) {
                    if (!manual.contains("`" + name) && !manual.contains(", `" + name)) {
                        missing.add(command.getCommandName() + " " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** Every option of every command that is shown in the help, with the command's name. */
    private static Map<CommandLine.Model.OptionSpec, String> shownOptions() {
        CommandLine root = commandLine();
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        Map<CommandLine.Model.OptionSpec, String> options = new LinkedHashMap<>();
        for (CommandLine command : commands) {
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    options.put(option, command.getCommandName());
                }
            }
        }
        return options;
    }

    @Test
    void everyOptionThatTakesANumberFollowsTheOneRule() {
        Set<Class<?>> numbers = Set.of(Duration.class, int.class, Integer.class, long.class, Long.class,
                double.class, Double.class, float.class, Float.class, short.class, Short.class);
        List<String> without = new ArrayList<>();
        for (Map.Entry<CommandLine.Model.OptionSpec, String> entry : shownOptions().entrySet()) {
            CommandLine.Model.OptionSpec option = entry.getKey();
            if (numbers.contains(option.type()) && (option.converters().length != 1
                    || !(option.converters()[0] instanceof Amount))) {
                without.add(entry.getValue() + " " + option.longestName());
            }
        }
        assertEquals(List.of(), without, "number options without an Amount converter");
    }

    @Test
    void theManualsTableOfNumbersIsTheConverters() throws Exception {
        String manual = document("docs/cli.md");
        int start = manual.indexOf("### Numbers");
        assertTrue(start >= 0, "no Numbers section");
        int end = manual.indexOf("\n#", start + 1);
        Matcher rows = Pattern.compile("(?m)^\\| (`-.*?) \\| (.*?) \\| (.*?) \\| (.*?) \\|$")
                .matcher(manual.substring(start, end < 0 ? manual.length() : end));
        Map<String, String[]> table = new LinkedHashMap<>();
        while (rows.find()) {
            table.put(rows.group(1), new String[] {rows.group(2), rows.group(3)});
        }
        Set<String> used = new java.util.HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : shownOptions().keySet()) {
            if (option.hidden() || option.converters().length != 1 || !(option.converters()[0] instanceof Amount)) {
                continue;
            }
            Amount<?> amount = (Amount<?>) option.converters()[0];
            String names = java.util.Arrays.stream(option.names()).map(name -> "`" + name + "`")
                    .collect(java.util.stream.Collectors.joining(", "));
            String key = table.keySet().stream().filter(cell -> cell.equals(names) || cell.startsWith(names + " ("))
                    .findFirst().orElse(null);
            if (key == null) {
                wrong.add(names + ": no row");
                continue;
            }
            used.add(key);
            String[] row = table.get(key);
            if (!row[0].equals(amount.takes())) {
                wrong.add(names + " takes '" + amount.takes() + "', the manual says '" + row[0] + "'");
            }
            if (row[1].equals("error") == amount.zeroAllowed()) {
                wrong.add(names + ": zero is " + (amount.zeroAllowed() ? "allowed" : "an error")
                        + ", the manual says '" + row[1] + "'");
            }
        }
        for (String key : table.keySet()) {
            if (!used.contains(key)) {
                wrong.add(key + ": a row for no such option");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(table.size() >= 8, table.keySet().toString());
    }

    @Test
    void eachExitCodesLineInTheHelpAndTheManualIsTheEnums() throws Exception {
        Map<Integer, String> expected = new LinkedHashMap<>();
        for (ExitCode exit : ExitCode.values()) {
            expected.put(exit.code(), exit.meaning());
        }
        CliRun.Result help = CliRun.run("--help");
        assertEquals(0, help.code(), help.toString());
        // As lists, so that the order counts too.
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(helpExitCodes(help.out()).entrySet()),
                "sse4j --help, Exit status");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(manualExitCodes(document("docs/cli.md")).entrySet()),
                "docs/cli.md, EXIT STATUS");
    }

    @Test
    void theExitCodeReadersJoinWrappedLinesAndDropMarkdown() {
        String help = "Usage: sse4j\n\nExit status:\n    0   success: all\n          done\n  130   interrupted\n\nExamples:\n";
        assertEquals(Map.of(0, "success: all done", 130, "interrupted"), helpExitCodes(help));
        String manual = "## EXIT STATUS\n\n| code | meaning |\n|---:|---|\n| 0 | ended (`a \\| b`) |\n| 10 | broke |\n\n## NEXT\n| 3 | elsewhere |\n";
        assertEquals(Map.of(0, "ended (a | b)", 10, "broke"), manualExitCodes(manual));
    }

    /**
     * The help's exit status list: each code and its meaning, the lines picocli wrapped joined
     * again. A code's line starts with at most four spaces, its continuation lines with ten.
     */
    static Map<Integer, String> helpExitCodes(String help) {
        int start = help.indexOf("\nExit status:\n");
        assertTrue(start >= 0, help);
        String section = help.substring(start + "\nExit status:\n".length());
        section = section.substring(0, section.indexOf("\n\n") < 0 ? section.length() : section.indexOf("\n\n"));
        Pattern codeLine = Pattern.compile(" {0,4}(\\d{1,3}) {3}(\\S.*)");
        Map<Integer, String> codes = new LinkedHashMap<>();
        Integer last = null;
        for (String line : section.lines().toList()) {
            Matcher m = codeLine.matcher(line);
            if (m.matches()) {
                last = Integer.parseInt(m.group(1));
                assertEquals(null, codes.put(last, m.group(2).strip()), "exit code " + last + " twice");
            } else {
                assertTrue(last != null && line.startsWith(" ".repeat(10)), "not in the list: " + line);
                codes.put(last, codes.get(last) + " " + line.strip());
            }
        }
        return codes;
    }

    /** The manual's exit status table: each code and its meaning, without Markdown's backticks and escapes. */
    static Map<Integer, String> manualExitCodes(String manual) {
        int start = manual.indexOf("## EXIT STATUS");
        assertTrue(start >= 0, "no EXIT STATUS section");
        int end = manual.indexOf("\n## ", start + 1);
        String section = manual.substring(start, end < 0 ? manual.length() : end);
        Matcher rows = Pattern.compile("(?m)^\\| (\\d+) \\| (.*) \\|$").matcher(section);
        Map<Integer, String> codes = new LinkedHashMap<>();
        while (rows.find()) {
            String meaning = rows.group(2).replace("\\|", "|").replace("`", "");
            assertEquals(null, codes.put(Integer.parseInt(rows.group(1)), meaning), "exit code " + rows.group(1) + " twice");
        }
        return codes;
    }

    @Test
    void everyCommandHasHelpWithExamples() throws Exception {
        for (String[] help : List.of(new String[] {"--help"}, new String[] {"parse", "--help"},
                new String[] {"serve", "-h"}, new String[] {"demo", "--help"}, new String[] {"help", "serve"})) {
            CliRun.Result result = CliRun.run(help);
            assertEquals(0, result.code(), result.toString());
            assertTrue(result.out().contains("\nExamples:\n  sse4j "), result.toString());
            assertTrue(result.out().lines().allMatch(line -> line.length() <= 80), result.out());
        }
        assertTrue(CliRun.run("--help").out().contains("\nExit status:\n    0   success"));
        assertTrue(CliRun.run("--version").out().startsWith("sse4j "));
    }

    /** The command lines in a document's code blocks that run sse4j, one per example, continuations joined. */
    private static List<String> commands(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher blocks = Pattern.compile("(?ms)^```\\w*\\n(.*?)^```").matcher(markdown);
        while (blocks.find()) {
            String code = blocks.group(1).replace("\\\n", " ");
            for (String line : code.lines().toList()) {
                String command = line.strip();
                if (command.startsWith("sse4j ") && !command.contains("[OPTIONS]") && !command.contains("[COMMAND]")) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    /** Splits a command line as a POSIX shell would, for the examples: quotes, and the end at a pipe or redirect. */
    static final class ShellWords {
        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    word = word == null ? new StringBuilder() : word;
                } else if (c == '|' || c == '>' || c == '#') {
                    break;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
