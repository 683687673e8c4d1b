package dev.lectern.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.clients.NodeScripts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page's JavaScript modules are formatted by Prettier (pinned in {@code src/test/node/package.json}, settings in
 * {@code prettier.config.json} beside it), as the Java code is by Spotless. To format them:
 * {@code cd src/test/node && npx prettier --config prettier.config.json --write ../../main/resources/META-INF/resources/*.js}.
 */
class PageScriptFormatTest {

    @Test
    void pageScriptsAreFormattedByPrettier() {
        NodeScripts.Run check = NodeScripts.run(
                Map.of(),
                120,
                "node_modules/prettier/bin/prettier.cjs",
                "--config",
                "prettier.config.json",
                "--check",
                "../../main/resources/META-INF/resources/*.js");
        assertEquals(0, check.exitCode(), check.output());
    }
}
