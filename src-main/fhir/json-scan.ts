/**
 * A cheap single pass over JSON text before JSON.parse (which recurses and could overflow the stack
 * on hostile nesting): it enforces the depth limit and records where each Bundle `resource` object
 * starts and ends, so every entry's original JSON text can be kept exactly as received.
 * It does not validate JSON; JSON.parse does that afterwards.
 */
import { ProblemError, problem } from './problems';
import { INPUT_PATH } from './types';

interface Frame { array: boolean; path: string; index: number; key: string | null; start: number; expectKey: boolean }

/** Returns spans keyed by path ('$' is the root, e.g. '$.entry[3].resource'). */
export function scanJson(text: string, maxDepth: number): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  const stack: Frame[] = [];
  let lastString: string | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const s = i + 1;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      const top = stack[stack.length - 1];
      // Keys are only needed to recognise "resource"; keep short ones.
      lastString = top?.expectKey && i - s <= 16 ? text.slice(s, i) : null;
      continue;
    }
    if (c === 0x3a /* : */) {
      const top = stack[stack.length - 1];
      if (top && !top.array) { top.key = lastString; top.expectKey = false; }
      continue;
    }
    if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) { if (top.array) top.index++; else top.expectKey = true; }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) throw new ProblemError(problem(INPUT_PATH, 'too-deep', { max: maxDepth }));
      const parent = stack[stack.length - 1];
      const path = !parent ? '$' : parent.array ? `${parent.path}[${parent.index}]` : `${parent.path}.${parent.key ?? '?'}`;
      stack.push({ array: c === 0x5b, path, index: 0, key: null, start: i, expectKey: c === 0x7b });
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const f = stack.pop();
      if (f && !f.array && f.path.endsWith('.resource')) spans.set(f.path, [f.start, i + 1]);
      if (f && f.path === '$') spans.set('$', [f.start, i + 1]);
    }
  }
  return spans;
}
