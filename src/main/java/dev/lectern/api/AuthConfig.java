package dev.lectern.api;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Who may read and who may write ({@code lectern.auth.*}). Clients present a key as
 * {@code Authorization: Bearer <key>}. {@code lectern.api-key} counts as one more write key.
 *
 * <ul>
 *   <li>Reads (searches, answers, lectures, transcripts, the MCP and OpenAI-compatible endpoints) are open while no
 *       read key is set; once one is, they need a read key or a write key.
 *   <li>Writes (PUT, POST, DELETE under {@code /api/lectures}) need a write key once one is set; with none, they
 *       are accepted from this machine only (loopback addresses).
 * </ul>
 */
@ConfigMapping(prefix = "lectern.auth")
public interface AuthConfig {

    /** Comma-separated keys that may read. Unset (default): reads are open to anyone who can reach the port. */
    Optional<List<String>> readKeys();

    /** Comma-separated keys that may write, and read. Unset (default): only {@code lectern.api-key}, if set. */
    Optional<List<String>> writeKeys();
}
