package dev.lectern.transcript;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The transcript formats Lectern reads. {@link #AUTO} detects the format from the content. */
public enum TranscriptFormat {
    AUTO,
    /** Whisper's text output: {@code [00:14:48.480 --> 00:14:52.240]   text}, one cue per line. */
    WHISPER,
    /** WebVTT captions, including YouTube-style auto-generated rolling captions. */
    VTT,
    /** SubRip captions: numbered cues with comma milliseconds. */
    SRT,
    /** Whisper's JSON output: {@code {"segments": [{"start": 0.0, "end": 4.2, "text": "..."}]}}. */
    JSON;

    /** The name used in URLs and JSON bodies, e.g. {@code vtt}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a format name as given by a client ({@code auto}, {@code whisper}, {@code vtt}, {@code srt},
     * {@code json}, any case).
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static TranscriptFormat fromId(String id) {
        for (TranscriptFormat format : values()) {
            if (format.id().equalsIgnoreCase(id.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown transcript format '" + id + "'; use one of "
                + Arrays.stream(values()).map(TranscriptFormat::id).collect(Collectors.joining(", ")));
    }
}
