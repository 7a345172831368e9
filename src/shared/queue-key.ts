// The queue key of an event: `${sentAt}-${sequence}-${owner}`. Keys sort by tracking time (13
// digits until the year 2286), then by call order (the sequence, written in base 36, keeps six
// digits from FIRST_SEQUENCE on); the owner id makes them unique across pages, and tells which
// page an event belongs to without reading the record.

/** Where a page's sequence starts: 36^5, the first six-digit number in base 36. */
export const FIRST_SEQUENCE = 36 ** 5;

/** The key of the event a page (`owner`) tracked at `sentAt` as its `sequence`-th. */
export const queueKey = (sentAt: number, sequence: number, owner: string) => `${sentAt}-${sequence.toString(36)}-${owner}`;

/** The owner id inside a queue key. */
export const ownerOfKey = (key: string) => key.slice(key.indexOf('-', key.indexOf('-') + 1) + 1);
