// What the page holds between events. One object, written only by the modules that own each part.
export const state = {
  /** The lectures, as GET /api/lectures lists them. */
  lectures: [],
  /** The question and lecture last asked (or shown), to skip asking the same thing twice. */
  shown: { q: null, lecture: null },
  /** The AbortController of the question being asked, if any. */
  inFlight: null,
  /** The lecture whose outline is shown. */
  outlineLecture: null,
};
