// Checks of values read back from files and databases: state that airlock wrote, that anything able to
// write the state directory could have changed since. What is read back is trusted no further than its
// shape, so damage is reported as damage, never followed, and never a crash. Small and hand-written:
// the hook reads some of this state on every command, and a schema library costs it milliseconds.

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Absent, or text. */
export const isOptionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

/** A count or a position: a whole number JavaScript holds exactly, not negative. */
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A time in ms since the epoch that a Date can show. */
export const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(new Date(v).getTime());

/** `text` as JSON, or undefined when it is not JSON (JSON itself has no undefined). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
