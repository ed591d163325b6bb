/**
 * A cheap single pass over JSON text before JSON.parse (which recurses and could overflow the stack
 * on hostile nesting): it enforces the depth limit and records where each Bundle `resource` object
 * starts and ends, so every entry's original JSON text can be kept exactly as received.
 * It does not validate JSON; JSON.parse does that afterwards.
 *
 * Built for 100 MB inputs: it reads the UTF-8 bytes (JSON's structure is ASCII, and no byte of a
 * multi-byte character is), so the input need not exist as one decoded string; strings are skipped
 * with indexOf, and a frame's path is only spelled out when a `resource` object closes (once per
 * entry), not for every object and array. Offsets are byte offsets.
 */
import { ProblemError, problem } from './problems';
import { INPUT_PATH } from './types';

interface Frame {
  array: boolean;
  /** Position in the parent: its key (objects) or index (arrays); null for the root. */
  key: string | null;
  index: number;
  start: number;
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Where a root object's `entry` array and its elements sit (a Bundle parsed entry by entry). */
export interface EntryLayout {
  /** The array, '[' to ']' inclusive; -1 when the root has no entry array. */
  arrayStart: number;
  arrayEnd: number;
  /** Start and end (exclusive) of each element that is an object or array, in order (what lies between is not checked). */
  elements: number[];
  /** The root has more than one `entry` member: only JSON.parse knows which wins. */
  repeated: boolean;
}

/**
 * Returns spans keyed by path ('$' is the root, e.g. '$.entry[3].resource'). With `layout`, also
 * fills in where the root's `entry` array and its elements are.
 */
export function scanJson(text: Buffer, maxDepth: number, layout?: EntryLayout): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  /** The root's entry array while it is open. */
  let entryArray: Frame | null = null;
  const stack: Frame[] = [];
  /** The parent's slot each frame sits in: "key" of an object member or "[i]" of an array element. */
  const slots: string[] = [];
  let lastString: string | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === QUOTE) {
      const s = i + 1;
      i = endOfString(text, s);
      const top = stack[stack.length - 1];
      // Keys only matter on the way to an entry's resource ("entry", "resource"); compared in place.
      if (top !== undefined && top.expectKey) lastString = keyAt(text, s, i - s);
      continue;
    }
    if (c === 0x3a /* : */) {
      const top = stack[stack.length - 1];
      if (top && !top.array) {
        top.key = lastString;
        top.expectKey = false;
      }
      continue;
    }
    if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.array) top.index++;
        else top.expectKey = true;
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) throw new ProblemError(problem(INPUT_PATH, 'too-deep', { max: maxDepth }));
      const parent = stack[stack.length - 1];
      slots.push(!parent ? '$' : parent.array ? `[${parent.index}]` : parent.key === 'resource' ? '.resource' : '.?');
      const frame: Frame = { array: c === 0x5b, key: null, index: 0, start: i, expectKey: c === 0x7b };
      if (layout && stack.length === 1 && frame.array && !parent!.array && parent!.key === 'entry') {
        if (layout.arrayStart >= 0) layout.repeated = true;
        layout.arrayStart = i;
        entryArray = frame;
      }
      stack.push(frame);
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const f = stack.pop();
      const slot = slots.pop();
      if (!f) continue;
      if (layout && entryArray !== null) {
        if (f === entryArray) {
          layout.arrayEnd = i + 1;
          entryArray = null;
        } else if (stack[stack.length - 1] === entryArray) {
          layout.elements.push(f.start, i + 1);
        }
      }
      if (stack.length === 0) spans.set('$', [f.start, i + 1]);
      else if (!f.array && slot === '.resource') spans.set(pathOf(stack, slots) + slot, [f.start, i + 1]);
    }
  }
  return spans;
}

/** The path of the innermost open frame, e.g. '$.entry[3]' (other keys than entry and resource are '?'). */
function pathOf(stack: readonly Frame[], slots: readonly string[]): string {
  let path = '';
  for (let d = 0; d < slots.length; d++) {
    const slot = slots[d]!;
    // A member slot is named by its parent's key at the time it opened: that key is still current.
    path += slot === '.?' ? `.${stack[d - 1]?.key ?? '?'}` : slot;
  }
  return path;
}

const RESOURCE = Buffer.from('resource');
const ENTRY = Buffer.from('entry');

function keyAt(text: Buffer, start: number, length: number): string | null {
  if (length === 8 && text.compare(RESOURCE, 0, 8, start, start + 8) === 0) return 'resource';
  if (length === 5 && text.compare(ENTRY, 0, 5, start, start + 5) === 0) return 'entry';
  return null;
}

/** Index of the quote that closes the string starting at `from` (or the text's length). */
function endOfString(text: Buffer, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf(QUOTE, i);
    if (q < 0) return text.length;
    // Escaped when preceded by an odd number of backslashes.
    let backslashes = 0;
    for (let j = q - 1; j >= from && text[j] === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return q;
    i = q + 1;
  }
}
