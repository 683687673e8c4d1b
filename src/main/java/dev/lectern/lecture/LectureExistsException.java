package dev.lectern.lecture;

import dev.lectern.LecternFailure;

/** A lecture was to be created under an id that is taken; replacing it needs an explicit replace (PUT). */
public final class LectureExistsException extends RuntimeException implements LecternFailure {

    private final String lectureId;

    public LectureExistsException(String lectureId) {
        super("a lecture with id '" + lectureId + "' exists; use PUT /api/lectures/" + lectureId + " to replace it");
        this.lectureId = lectureId;
    }

    public String lectureId() {
        return lectureId;
    }
}
