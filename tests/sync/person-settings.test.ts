import { afterEach, describe, expect, it } from 'vitest';
import { readRepresentation, writeRepresentation } from '../../src-main/medmij/client/profile-state';
import { makeTempDir } from '../helpers/temp-dir';
import { type Device, makeDevice, pair, syncNow } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

describe('person settings follow the person', () => {
  it('a representation set on device A arrives on device B after a sync round, and so does clearing it', async () => {
    const temp = makeTempDir('regie-sync-settings-');
    cleanup.push(temp.remove);
    const devices: Device[] = [];
    for (const name of ['Laptop', 'Desktop']) {
      const device = await makeDevice(name, temp.dir);
      cleanup.push(device.remove);
      devices.push(device);
    }
    const [a, b] = devices as [Device, Device];
    await pair(a, b);
    expect(readRepresentation(b.store)).toBeNull();

    writeRepresentation(a.store, { kind: 'onbehalfofchild', birthDate: '2015-06-01' });
    await syncNow(a);
    await syncNow(b);
    expect(readRepresentation(b.store)).toEqual({ kind: 'onbehalfofchild', birthDate: '2015-06-01' });
    // Nothing device-local was involved on B.
    expect(b.db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'medmij.representation'").get()).toEqual({ n: 0 });

    writeRepresentation(b.store, null);
    await syncNow(b);
    await syncNow(a);
    expect(readRepresentation(a.store)).toBeNull();
    for (const device of devices) expect(device.sync.status(device.profileId).errors).toEqual([]);
  });
});
