import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readRepresentation, writeRepresentation } from '../../src-main/medmij/client/profile-state';
import { recordDocOf } from '../../src-main/records/doc-model';
import { openTestProfile, type TestProfile } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

function profile(): TestProfile {
  const p = openTestProfile();
  cleanup.push(() => p.remove());
  return p;
}

const colour = z.object({ name: z.string(), shade: z.number().int() });
const settingRow = (p: TestProfile, key: string) =>
  p.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
const updateCount = (p: TestProfile) => (p.db.prepare('SELECT count(*) AS n FROM yjs_update').get() as { n: number }).n;

describe('person settings', () => {
  it('sets, reads, replaces and clears a value in the document, persisted and announced', () => {
    let p = profile();
    const announced: string[] = [];
    p.store.onUpdate((_update, origin) => announced.push(origin));
    expect(p.store.getPersonSetting('ui.colour', colour)).toBeNull();

    p.store.setPersonSetting('ui.colour', { name: 'blauw', shade: 3 });
    expect(p.store.getPersonSetting('ui.colour', colour)).toEqual({ name: 'blauw', shade: 3 });
    expect(recordDocOf(p.store.doc).personSettings.get('ui.colour')).toEqual({ name: 'blauw', shade: 3 });
    expect(announced).toEqual(['local']);

    // The same value again is not a change.
    p.store.setPersonSetting('ui.colour', { name: 'blauw', shade: 3 });
    expect(announced).toHaveLength(1);

    p.store.setPersonSetting('ui.colour', { name: 'groen', shade: 1 });
    p = p.reopen();
    expect(p.store.getPersonSetting('ui.colour', colour)).toEqual({ name: 'groen', shade: 1 });

    p.store.setPersonSetting('ui.colour', null);
    expect(p.store.getPersonSetting('ui.colour', colour)).toBeNull();
    p = p.reopen();
    expect(p.store.getPersonSetting('ui.colour', colour)).toBeNull();
    // Clearing what is already clear writes nothing.
    const before = updateCount(p);
    p.store.setPersonSetting('ui.colour', null);
    expect(updateCount(p)).toBe(before);
  });

  it('reads a value that does not match the schema as null and leaves it alone', () => {
    const p = profile();
    p.store.setPersonSetting('ui.colour', { name: 'blauw', shade: 'donker' });
    expect(p.store.getPersonSetting('ui.colour', colour)).toBeNull();
    expect(recordDocOf(p.store.doc).personSettings.get('ui.colour')).toEqual({ name: 'blauw', shade: 'donker' });
  });

  it('refuses values JSON cannot hold and stores a plain copy', () => {
    const p = profile();
    expect(() => p.store.setPersonSetting('x', () => 1)).toThrow();
    const value = { list: [1, 2], at: new Date('2025-01-02T00:00:00Z') };
    p.store.setPersonSetting('x', value);
    value.list.push(3);
    expect(p.store.getPersonSetting('x', z.unknown())).toEqual({ list: [1, 2], at: '2025-01-02T00:00:00.000Z' });
  });

  it('merges per key: concurrent sets of different keys both survive, the same key resolves identically', () => {
    const a = profile();
    const b = profile();
    a.store.setPersonSetting('one', 'a');
    a.store.setPersonSetting('same', 'from a');
    b.store.setPersonSetting('two', 'b');
    b.store.setPersonSetting('same', 'from b');
    const fromA = Y.encodeStateAsUpdate(a.store.doc);
    const fromB = Y.encodeStateAsUpdate(b.store.doc);
    a.store.applyRemoteUpdate(fromB);
    b.store.applyRemoteUpdate(fromA);
    for (const p of [a, b]) {
      expect(p.store.getPersonSetting('one', z.string())).toBe('a');
      expect(p.store.getPersonSetting('two', z.string())).toBe('b');
    }
    expect(a.store.getPersonSetting('same', z.string())).toBe(b.store.getPersonSetting('same', z.string()));
  });
});

describe('representation as a person setting', () => {
  const legacy = (p: TestProfile, value: string) =>
    p.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('medmij.representation', value);

  it('is written to and read from the document, not the settings table', () => {
    const p = profile();
    writeRepresentation(p.store, { kind: 'onbehalfofchild', birthDate: '2015-06-01' });
    expect(readRepresentation(p.store)).toEqual({ kind: 'onbehalfofchild', birthDate: '2015-06-01' });
    expect(settingRow(p, 'medmij.representation')).toBeUndefined();
    expect(recordDocOf(p.store.doc).personSettings.get('medmij.representation')).toEqual({
      kind: 'onbehalfofchild',
      birthDate: '2015-06-01',
    });
    writeRepresentation(p.store, null);
    expect(readRepresentation(p.store)).toBeNull();
    expect(() => writeRepresentation(p.store, { kind: 'onbehalfof', birthDate: 'gisteren' })).toThrow();
  });

  it('moves a device-local value into the document on first read and deletes the SQL row', () => {
    let p = profile();
    legacy(p, JSON.stringify({ kind: 'onbehalfof', birthDate: '1950-03-01' }));
    const announced: string[] = [];
    p.store.onUpdate((_update, origin) => announced.push(origin));
    expect(readRepresentation(p.store)).toEqual({ kind: 'onbehalfof', birthDate: '1950-03-01' });
    expect(settingRow(p, 'medmij.representation')).toBeUndefined();
    expect(announced).toEqual(['local']); // sync pushes the migrated value
    expect(readRepresentation(p.store)).toEqual({ kind: 'onbehalfof', birthDate: '1950-03-01' });
    expect(announced).toHaveLength(1);
    p = p.reopen();
    expect(readRepresentation(p.store)).toEqual({ kind: 'onbehalfof', birthDate: '1950-03-01' });
  });

  it('keeps the document value over a stale device-local row, and drops unreadable rows', () => {
    let p = profile();
    writeRepresentation(p.store, { kind: 'onbehalfofchild', birthDate: '2015-06-01' });
    p = p.reopen();
    legacy(p, JSON.stringify({ kind: 'onbehalfof', birthDate: '1950-03-01' }));
    expect(readRepresentation(p.store)).toEqual({ kind: 'onbehalfofchild', birthDate: '2015-06-01' });
    expect(settingRow(p, 'medmij.representation')).toBeUndefined();

    const q = profile();
    legacy(q, 'not json');
    expect(readRepresentation(q.store)).toBeNull();
    expect(settingRow(q, 'medmij.representation')).toBeUndefined();
    expect(recordDocOf(q.store.doc).personSettings.size).toBe(0);
  });

  it('leaves device-local settings such as auto-lock in the settings table', () => {
    const p = profile();
    p.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('autoLockMinutes', '5');
    legacy(p, JSON.stringify({ kind: 'onbehalfof', birthDate: '1950-03-01' }));
    readRepresentation(p.store);
    expect(settingRow(p, 'autoLockMinutes')).toEqual({ value: '5' });
    expect([...recordDocOf(p.store.doc).personSettings.keys()]).toEqual(['medmij.representation']);
  });
});
