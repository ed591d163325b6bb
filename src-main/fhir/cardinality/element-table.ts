/**
 * Element knowledge for the XML→JSON mapping. Per type key (a datatype, resource, or backbone path),
 * element name → descriptor: optional '*' (max cardinality > 1) then the kind:
 * 'b' boolean, 'n' number, 's' string primitive, 'x' xhtml, 'R' a contained resource, or the type key
 * of a complex type. Singular string primitives are left out: an unknown element is treated the same.
 */
export type ElementTable = Record<string, Record<string, string>>;

export interface ElementInfo {
  array: boolean;
  /** 'b' | 'n' | 's' | 'x' | 'R' | complex type key | null when unknown */
  kind: string | null;
}

export function lookupElement(table: ElementTable, typeKey: string | null, name: string): ElementInfo {
  const row = typeKey ? table[typeKey] : undefined;
  const d = row?.[name];
  if (d === undefined) return { array: false, kind: row ? 's' : null };
  const array = d.startsWith('*');
  return { array, kind: array ? d.slice(1) : d };
}
