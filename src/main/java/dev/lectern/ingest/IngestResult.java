package dev.lectern.ingest;

import dev.lectern.lecture.Lecture;

/** The lecture as stored, and whether it is new or replaced an earlier version. */
public record IngestResult(Lecture lecture, boolean created) {}
