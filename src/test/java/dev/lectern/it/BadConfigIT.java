package dev.lectern.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad setting stops the packaged jar at start, with a message naming the key and its rule. */
class BadConfigIT {

    @TempDir
    Path dataDir;

    @Test
    void badSettingStopsStartNamingKeyAndRule() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(dataDir, "-Dlectern.search.candidates-per-result=0")) {
            assertNotEquals(0, lectern.awaitExit(Duration.ofMinutes(2)));
            String log = lectern.log();
            assertTrue(log.contains("lectern.search.candidates-per-result must be greater than 0"), log);
        }
    }
}
