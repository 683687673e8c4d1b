package dev.lectern.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who may read and who may change lectures ({@link AuthConfig}).
 *
 * <ul>
 *   <li>Writes: with a write key configured ({@code lectern.auth.write-keys} or {@code lectern.api-key}), a write
 *       must carry {@code Authorization: Bearer <write key>}; without one, writes are accepted only from this
 *       machine (loopback addresses), so a fresh install is never writable from the network by accident.
 *   <li>Reads: open while no read key is configured; once one is, a read needs a read key or a write key.
 * </ul>
 *
 * Keys are compared in constant time (as SHA-256 digests, so neither their content nor their length shows in the
 * response time), against every configured key without stopping at the first match. A key never appears in a
 * response or a log message.
 */
final class AccessPolicy {

    private static final String BEARER = "Bearer ";

    /** What a request's credentials allow. */
    enum Grant {
        /** No key, or one that matches no configured key. */
        NONE,
        READ,
        /** A write key, which also reads. */
        WRITE
    }

    /** A configured key, as a digest, with what it grants and its position (a stable, non-secret client id). */
    private record Key(byte[] digest, Grant grant, int index) {}

    private final List<Key> keys;
    private final boolean readsNeedKey;
    private final boolean writesNeedKey;

    /**
     * @param readKeys keys that may read; blank ones are ignored
     * @param writeKeys keys that may write and read, {@code lectern.api-key} included; blank ones are ignored
     */
    AccessPolicy(Collection<String> readKeys, Collection<String> writeKeys) {
        List<Key> all = new ArrayList<>();
        for (String key : writeKeys) {
            if (key != null && !key.isBlank()) {
                all.add(new Key(digest(key.strip()), Grant.WRITE, all.size()));
            }
        }
        boolean anyRead = false;
        for (String key : readKeys) {
            if (key != null && !key.isBlank()) {
                all.add(new Key(digest(key.strip()), Grant.READ, all.size()));
                anyRead = true;
            }
        }
        this.keys = List.copyOf(all);
        this.readsNeedKey = anyRead;
        this.writesNeedKey = all.stream().anyMatch(k -> k.grant() == Grant.WRITE);
    }

    /** The policy of {@code lectern.auth.*} and {@code lectern.api-key}. */
    static AccessPolicy of(AuthConfig auth, Optional<String> apiKey) {
        List<String> write = new ArrayList<>(auth.writeKeys().orElse(List.of()));
        apiKey.ifPresent(write::add);
        return new AccessPolicy(auth.readKeys().orElse(List.of()), write);
    }

    /** Whether reads need a key (some read key is configured). */
    boolean readsNeedKey() {
        return readsNeedKey;
    }

    /** What the {@code Authorization} header's key grants. */
    Grant grant(String authorization) {
        return match(authorization).map(Key::grant).orElse(Grant.NONE);
    }

    /**
     * A name for the client that presented a configured key ({@code "key-3"}: the key's position, never the key), for
     * per-client limits; empty when the header carries no configured key.
     */
    Optional<String> clientOf(String authorization) {
        return match(authorization).map(key -> "key-" + key.index());
    }

    /** The problem that refuses this read, or empty when it is allowed. */
    Optional<Problem> checkRead(String authorization) {
        if (!readsNeedKey) {
            return Optional.empty();
        }
        if (!hasBearer(authorization)) {
            return Optional.of(Problem.of(
                    401,
                    "Unauthorized",
                    "this Lectern is private: send a read key (lectern.auth.read-keys) or a write key as the header"
                            + " 'Authorization: Bearer <key>'"));
        }
        if (grant(authorization) == Grant.NONE) {
            return Optional.of(wrongKey());
        }
        return Optional.empty();
    }

    /** The problem that refuses this write, or empty when it is allowed. */
    Optional<Problem> checkWrite(String authorization, String remoteHost) {
        if (writesNeedKey) {
            if (!hasBearer(authorization)) {
                return Optional.of(Problem.of(
                        401,
                        "Unauthorized",
                        "writes need the header 'Authorization: Bearer <key>' with a key set in lectern.api-key or"
                                + " lectern.auth.write-keys"));
            }
            return switch (grant(authorization)) {
                case WRITE -> Optional.empty();
                case READ ->
                    Optional.of(Problem.of(
                            403,
                            "Forbidden",
                            "this key may read but not write; writes need a key set in lectern.api-key or"
                                    + " lectern.auth.write-keys"));
                case NONE -> Optional.of(wrongKey());
            };
        }
        if (!isLoopback(remoteHost)) {
            return Optional.of(Problem.of(
                    403,
                    "Forbidden",
                    "no write key is configured, so writes are accepted from this machine only; set lectern.api-key"
                            + " (or lectern.auth.write-keys) to accept writes from other hosts with"
                            + " 'Authorization: Bearer <key>'"));
        }
        return Optional.empty();
    }

    private static Problem wrongKey() {
        return Problem.of(401, "Unauthorized", "the key in the Authorization header is not one Lectern knows");
    }

    private static boolean hasBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    private Optional<Key> match(String authorization) {
        if (keys.isEmpty() || !hasBearer(authorization)) {
            return Optional.empty();
        }
        byte[] given = digest(authorization.substring(BEARER.length()).strip());
        Key found = null;
        // Every key is compared, so the time taken does not tell which one (or whether one) matched.
        for (Key key : keys) {
            if (MessageDigest.isEqual(given, key.digest()) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
