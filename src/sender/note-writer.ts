// Writes the exit notes a page leaves for the next one (exit-notes.ts, stored-queue.ts), and says
// once through onError when localStorage refused one: in sessionStorage the note reaches only the
// next page of this tab, and where neither storage takes it, a page change may lose or repeat events.
import { trackerError } from '../shared/tracker-error';
import { writeNote } from '../shared/web-storage';
import type { TrackerError } from '../types';

export interface NoteWriter {
  /** Stores the note; false where no storage took it. */
  write(key: string, value: string): boolean;
  /** A note the loader had to keep in sessionStorage was found: reported the same way. */
  foundInSessionStorage(): void;
}

export function createNoteWriter(report: (error: TrackerError) => void): NoteWriter {
  let reported = false;
  const once = (message: string) => {
    if (reported) return;
    reported = true;
    report(trackerError('storage-unavailable', message));
  };
  const full = () => once('localStorage is full: what a page leaves for the next is kept in sessionStorage (this tab only)');
  return {
    write(key, value) {
      const where = writeNote(key, value);
      if (where === 'sessionStorage') full();
      if (!where) once('web storage refused an exit note: a page change may lose or repeat events');
      return where !== undefined;
    },
    foundInSessionStorage: full,
  };
}
