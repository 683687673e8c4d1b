package dev.lectern.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Node.js client scripts of {@code src/test/node} (the official MCP TypeScript SDK and OpenAI Node SDK,
 * versions pinned in its package.json and package-lock.json). Installs them with {@code npm ci} when
 * {@code node_modules} is missing or older than the lockfile (the only network use: the npm registry); skips the
 * calling test, with a message, where Node.js or npm is not installed.
 */
public final class NodeScripts {

    /** The directory of the scripts, package.json and package-lock.json. */
    public static final Path DIR = Path.of("src", "test", "node").toAbsolutePath();

    private static boolean installed;

    private NodeScripts() {}

    /** What a script printed (stdout and stderr together) and its exit status. */
    public record Run(int exitCode, String output) {}

    /** Runs {@code node script args...} in {@link #DIR} with {@code env} added, at most {@code timeoutSeconds}. */
    public static Run run(Map<String, String> env, long timeoutSeconds, String script, String... args) {
        install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return exec(command, env, timeoutSeconds);
    }

    private static synchronized void install() {
        Assumptions.assumeTrue(
                available("node") && available("npm"),
                "Node.js (node and npm) is not installed, so the tests with the official MCP TypeScript SDK and"
                        + " OpenAI Node SDK are skipped; install Node.js 20 or newer to run them");
        if (installed) {
            return;
        }
        Path marker = DIR.resolve("node_modules").resolve(".package-lock.json");
        try {
            if (!Files.exists(marker)
                    || Files.getLastModifiedTime(marker)
                                    .compareTo(Files.getLastModifiedTime(DIR.resolve("package-lock.json")))
                            < 0) {
                Run npm = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
                if (npm.exitCode() != 0) {
                    fail("npm ci in " + DIR + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
                }
            }
        } catch (IOException e) {
            fail("cannot read " + DIR + ": " + e);
        }
        installed = true;
    }

    private static boolean available(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Run exec(List<String> command, Map<String, String> env, long timeoutSeconds) {
        try {
            Path log = Files.createTempFile("lectern-node", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(DIR.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command));
        }
    }
}
