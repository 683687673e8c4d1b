package dev.lectern.search;

import java.net.URI;
import java.util.Locale;

/**
 * Links to a moment of a recording: YouTube links get {@code t=<seconds>s}, any other URL a
 * {@code #t=<seconds>} media fragment, which browsers honour for audio and video files.
 */
public final class DeepLinks {

    private DeepLinks() {}

    /** A link to {@code seconds} into {@code sourceUrl}, or {@code null} when there is no source. */
    public static String at(String sourceUrl, double seconds) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        long wholeSeconds = (long) Math.floor(seconds);
        String base = sourceUrl.strip();
        int fragment = base.indexOf('#');
        if (fragment >= 0) {
            base = base.substring(0, fragment);
        }
        if (isYouTube(base)) {
            base = base.replaceAll("([?&])t=[^&]*&?", "$1").replaceAll("[?&]$", "");
            return base + (base.contains("?") ? "&" : "?") + "t=" + wholeSeconds + "s";
        }
        return base + "#t=" + wholeSeconds;
    }

    private static boolean isYouTube(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("youtu.be") || host.equals("youtube.com") || host.endsWith(".youtube.com");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
