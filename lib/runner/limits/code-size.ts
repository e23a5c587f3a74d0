/**
 * Characters of source code a run may have: the editor, the run action and the race lab say the
 * same. Its own file, free of imports, because the browser needs it too (the limits around it
 * read the host's CPU count).
 */
export const CODE_MAX_CHARS = 64 * 1024;
