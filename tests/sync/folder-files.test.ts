/**
 * What lies in the sync folder is not trusted to be a plain file of a sane size (issue 9, item 7):
 * a FIFO where the pairing answer will be, a huge (sparse) file in a device stream, a link to a file
 * elsewhere. Each is refused without being read, reported, and the round goes on.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderTransport, SyncFileRefused } from '../../src-main/sync/transport';
import { makeTempDir } from '../helpers/temp-dir';
import { glucose, gp, received } from '../records/helpers';
import { type Device, devicesOnOneFolder, namesOf, pair, syncNow } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

const devices = (...names: string[]) => devicesOnOneFolder(cleanup, names);

const problems = (device: Device) => device.sync.status(device.profileId).errors.map((e) => e.kind);

/** A file of `bytes` that takes no disk space. */
function sparseFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

describe('special and oversized files in the sync folder', () => {
  it('a FIFO where the pairing answer will be does not block the round; the real answer replaces it', async () => {
    const { folder, devices: [a, b] } = await devices('Laptop', 'Desktop');
    const { code } = a!.sync.pairCreate(a!.profileId);
    expect((await b!.sync.pairJoin(b!.profileId, code)).status).toBe('waiting');
    // Someone with access to the folder sees the request and puts a FIFO at the answer's name.
    const [tag] = readdirSync(join(folder, 'p'));
    const [request] = readdirSync(join(folder, 'p', tag!));
    const fifo = join(folder, 'p', tag!, request!.replace(/^j-/, 'a-'));
    execFileSync('mkfifo', [fifo]);
    // Code that opens it would wait for a writer forever: this one writes after 2.5 s (and gives up after 15 s),
    // so that a blocking read fails the test instead of hanging it.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs');
         const tryWrite = () => { try { const fd = fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NONBLOCK); fs.writeSync(fd, 'x'); fs.closeSync(fd); process.exit(0); } catch { setTimeout(tryWrite, 100); } };
         setTimeout(tryWrite, 2500); setTimeout(() => process.exit(0), 15000);`,
        fifo,
      ],
      { stdio: 'ignore' },
    );
    cleanup.push(() => writer.kill());

    const started = Date.now();
    const round = await syncNow(b!);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(round.join).toBe('waiting');
    expect(problems(b!)).toContain('not-a-file');

    // A answers (its answer replaces the FIFO) and B joins.
    expect((await syncNow(a!)).pairing.accepted).toBe(1);
    expect((await syncNow(b!)).join).toBe('joined');
  });

  it('an oversized file in a device stream is refused unread and reported', async () => {
    const { folder, devices: [a, b] } = await devices('Laptop', 'Desktop');
    await pair(a!, b!);
    a!.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await syncNow(a!);
    await syncNow(b!);
    expect(b!.store.list().total).toBe(1);

    // A's next update file is 3 GiB (sparse): reading it whole would fail or exhaust memory.
    const names = namesOf(a!);
    const aId = a!.state.identity().deviceId;
    const next = a!.state.nextSeq(aId, 'u');
    sparseFile(join(folder, names.file(aId, 'u', next)), 3 * 1024 ** 3);

    const round = await syncNow(b!);
    expect(round.rejected).toEqual([expect.objectContaining({ stream: 'u', seq: next, reason: 'too-large' })]);
    expect(problems(b!)).toContain('too-large');
    expect(b!.store.list().total).toBe(1);
  });

  it('the folder transport checks type and size before it opens anything', async () => {
    const temp = makeTempDir('regie-sync-transport-');
    cleanup.push(temp.remove);
    const transport = new FolderTransport(temp.dir);
    writeFileSync(join(temp.dir, 'small'), 'abc');
    sparseFile(join(temp.dir, 'big'), 64 * 1024);
    execFileSync('mkfifo', [join(temp.dir, 'fifo')]);
    const outside = makeTempDir('regie-sync-outside-');
    cleanup.push(outside.remove);
    writeFileSync(join(outside.dir, 'secret'), 'not a sync file');
    symlinkSync(join(outside.dir, 'secret'), join(temp.dir, 'link'));
    symlinkSync(outside.dir, join(temp.dir, 'linked-dir'));
    expect(Buffer.from((await transport.read('small', 3))!).toString()).toBe('abc');
    await expect(transport.read('small', 2)).rejects.toMatchObject({ reason: 'too-large' });
    await expect(transport.read('big', 1024)).rejects.toBeInstanceOf(SyncFileRefused);
    await expect(transport.read('fifo', 1024)).rejects.toMatchObject({ reason: 'not-a-file' });
    await expect(transport.read('link', 1024)).rejects.toMatchObject({ reason: 'not-a-file' });
    await expect(transport.read('linked-dir/secret', 1024)).rejects.toMatchObject({ reason: 'not-a-file' });
    await expect(transport.writeAtomic('linked-dir/planted', Buffer.from('x'))).rejects.toMatchObject({ reason: 'not-a-file' });
    expect(await transport.read('absent', 1024)).toBeNull();
    expect(await transport.list('')).toEqual(['big', 'small']);
  });
});
