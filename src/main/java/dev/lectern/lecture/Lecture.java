package dev.lectern.lecture;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * A lecture as Lectern knows it: what the API lists and every search result refers to.
 *
 * @param id 1-128 characters of {@code [A-Za-z0-9._-]}, see {@link LectureId}
 * @param title human-readable title, never blank
 * @param sourceUrl where the recording can be watched or heard, or {@code null}; links to moments are built
 *     from it
 * @param passages how many passages the lecture was cut into
 * @param durationSeconds end time of the last spoken segment
 * @param ingestedAt when this version of the lecture was indexed
 */
public record Lecture(
        String id, String title, @Nullable String sourceUrl, int passages, double durationSeconds, Instant ingestedAt) {

    public Lecture {
        if (!LectureId.isValid(id)) {
            throw new IllegalArgumentException("lecture id '" + id + "' is not a valid lecture id");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        if (passages < 0) {
            throw new IllegalArgumentException("passages must be >= 0, was " + passages);
        }
    }
}
