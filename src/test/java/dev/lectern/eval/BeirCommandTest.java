package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's refusals: exit code 2 before any model is loaded. */
class BeirCommandTest {

    @TempDir
    Path dir;

    @Test
    void unknownModelExitsWithTwo() {
        int code = new CommandLine(new BeirCommand())
                .execute("--model", "no-such-model", "--dataset", dir.toString(), "--cache", dir.toString());
        assertEquals(2, code);
    }

    @Test
    void missingDatasetExitsWithTwo() {
        int code = new CommandLine(new BeirCommand())
                .execute("--dataset", dir.resolve("missing").toString(), "--cache", dir.toString());
        assertEquals(2, code);
    }

    @Test
    void folderWithoutBeirFilesExitsWithTwo() {
        int code = new CommandLine(new BeirCommand()).execute("--dataset", dir.toString(), "--cache", dir.toString());
        assertEquals(2, code);
    }
}
