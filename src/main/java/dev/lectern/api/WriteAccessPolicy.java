package dev.lectern.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may change lectures. With an API key configured, a write must carry {@code Authorization: Bearer <key>};
 * without one, writes are accepted only from this machine (loopback addresses), so a fresh install is never
 * writable from the network by accident. Reads are open.
 */
final class WriteAccessPolicy {

    private static final String BEARER = "Bearer ";

    private final Optional<String> apiKey;

    WriteAccessPolicy(Optional<String> apiKey) {
        this.apiKey = apiKey.filter(key -> !key.isBlank());
    }

    /** The problem that refuses this write, or empty when it is allowed. */
    Optional<Problem> check(String authorization, String remoteHost) {
        if (apiKey.isPresent()) {
            if (authorization == null || !authorization.startsWith(BEARER)) {
                return Optional.of(Problem.of(
                        401,
                        "Unauthorized",
                        "writes need the header 'Authorization: Bearer <key>' with the key set in lectern.api-key"));
            }
            byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
            // Constant-time comparison, so response timing does not reveal how much of a guess was right.
            if (!MessageDigest.isEqual(given, apiKey.get().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(Problem.of(401, "Unauthorized", "the API key in the Authorization header is wrong"));
            }
            return Optional.empty();
        }
        if (!isLoopback(remoteHost)) {
            return Optional.of(Problem.of(
                    403,
                    "Forbidden",
                    "no API key is configured, so writes are accepted from this machine only; set lectern.api-key to"
                            + " accept writes from other hosts with 'Authorization: Bearer <key>'"));
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Only IP literals are accepted: resolving a name here would make a DNS lookup per request.
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.%a-zA-Z]*:[0-9a-fA-F:.%a-zA-Z]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
