package dev.lectern.lecture;

import dev.lectern.LecternFailure;

/** A request named a lecture id that is not stored. */
public final class LectureNotFoundException extends RuntimeException implements LecternFailure {

    private final String lectureId;

    public LectureNotFoundException(String lectureId) {
        super("no lecture with id '" + lectureId + "'");
        this.lectureId = lectureId;
    }

    public String lectureId() {
        return lectureId;
    }
}
