import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FolderPicker } from '../../src-main/app/host';
import { createCore, type Core } from '../../src-main/core/create-core';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { makeTempDir } from '../helpers/temp-dir';

describe('app.pickFolder: a capability of the host', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const cores: Core[] = [];
  const core = (pickFolder?: FolderPicker) => {
    const made = createCore({ dataDir: temp.dir, host: pickFolder ? 'electron' : 'browser', kdf: fastKdfParams, ...(pickFolder && { pickFolder }) });
    cores.push(made);
    return made;
  };
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => {
    for (const c of cores.splice(0)) c.shutdown();
    temp.remove();
  });

  it('the desktop host hands in its picker: the core passes the title and default folder, and returns the choice', async () => {
    const asked: Array<{ title: string; defaultPath?: string }> = [];
    const desktop = core(async (options) => {
      asked.push(options);
      return '/home/anna/Sync/Regie';
    });
    const info = await desktop.call('app.info', {});
    expect(info.ok && info.value.canPickFolder).toBe(true);
    expect(await desktop.call('app.pickFolder', { title: 'Kies de synchronisatiemap', defaultPath: '/home/anna' })).toEqual({
      ok: true,
      value: { folder: '/home/anna/Sync/Regie' },
    });
    expect(asked).toEqual([{ title: 'Kies de synchronisatiemap', defaultPath: '/home/anna' }]);
  });

  it('a closed dialog answers null', async () => {
    const desktop = core(async () => null);
    expect(await desktop.call('app.pickFolder', { title: 'Map' })).toEqual({ ok: true, value: { folder: null } });
  });

  it('the browser host has no picker: app.info says so and app.pickFolder is refused in plain words', async () => {
    const browser = core();
    const info = await browser.call('app.info', {});
    if (!info.ok) throw new Error(info.error.code);
    expect(info.value).toMatchObject({ host: 'browser', canPickFolder: false });
    expect(['windows', 'mac', 'linux']).toContain(info.value.platform);
    const refused = await browser.call('app.pickFolder', { title: 'Map' });
    expect(refused).toEqual({ ok: false, error: { code: 'host-unsupported' } });
  });

  it('a request without a title is refused before the host is asked', async () => {
    let asked = false;
    const desktop = core(async () => {
      asked = true;
      return '/x';
    });
    const bad = await desktop.call('app.pickFolder', { title: '' });
    expect(!bad.ok && bad.error.code).toBe('invalid-request');
    expect(asked).toBe(false);
  });
});
