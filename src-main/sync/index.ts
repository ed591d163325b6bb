/**
 * Sync between the person's own devices: end-to-end encrypted, through a folder their own tools keep
 * in sync (Syncthing, a cloud drive, a USB stick), no server.
 *
 * WHAT SYNCS. The profile's Yjs document (records, provenance, sources, tombstones, visits; see
 * records/doc-model.ts) as Yjs updates and snapshots, and the resource bodies it refers to as
 * content-addressed (sha256) bodies in packs. Remote updates go through RecordStore.applyRemoteUpdate,
 * the same path as local writes, so the derived SQL tables follow; bodies through putBodies (hash
 * checked). Local state of a device (MedMij connections, sync state itself) does not sync.
 *
 * KEYS. Per device (created on first use, private halves only in the profile's SQLCipher database):
 * a random 128-bit device id, an X25519 key pair (receiving keys) and an Ed25519 key pair (signing).
 * Per profile sync group: a random sync id, a naming key (stable; only for file names) and epoch keys
 * (random 256-bit, each with a key id and epoch number). Files are encrypted with AES-256-GCM under
 * HKDF(epoch key, sync id), AAD = sync id ‖ sender device ‖ kind ‖ seq ‖ header, and signed with the
 * sender's Ed25519 key. Why both: AEAD under a shared key only proves "some member wrote this"; a
 * revoked device still knows older epoch keys, and without signatures it could forge files in the
 * name of a device that has not yet learned of the revocation. With signatures, each file is bound to
 * one device whose public key is in the registry, and the registry says from which seq on a revoked
 * device's files are refused. Epoch keys reach devices in 'k' files: the key set (all epochs, so a
 * device added later can read old files) wrapped to each member's X25519 key (ephemeral ECDH + HKDF +
 * AES-GCM), signed by the writer. The device registry ('r' files: id, name, public keys, revoked) is
 * encrypted and signed like any file and merged as a small CRDT (names: latest wins; revocation:
 * sticky), so renames and revocations on different devices converge.
 *
 * FOLDER LAYOUT (container.ts). Names are a one-block AES permutation of (kind, device, seq) under a
 * key derived from the naming key, so a member can list and parse the folder while it shows outsiders
 * only random hex names, sizes and times. Per device one directory, written only by that device, with
 * four append-only streams of numbered files: 'u' (Yjs updates, batched per round, and periodic
 * snapshots 's' in the same numbering), 'b' (body packs), 'r' (registry), 'k' (wrapped keys). Pairing
 * messages live under p/<tag> (tag derived from the one-time secret). Changed from the first sketch:
 * bodies travel in per-device packs of up to 8 MiB instead of one file per body (a 100,000-resource
 * profile would otherwise be 200,000 files, which sync tools and file systems handle badly); the
 * folder learns which bodies another device already published from `sync_body_known`. Key files are
 * per writer ('k' stream) rather than k/<epoch>/<device>, keeping "each device writes only its own
 * directory" without exception except the pairing answer.
 *
 * ROUND (engine.ts, syncOnce): finish a pending join → read keys and registries of all devices →
 * answer join requests for codes this device showed → push (keys/registry if changed, one update =
 * everything in the document beyond the folder's state vector, a snapshot when due, bodies the folder
 * lacks) → pull bodies, then updates and snapshots of every other device, each stream in order from
 * the position stored for it. Keys and registry are read first so a revocation is known before data;
 * bodies before updates so arriving records are derived once, with their bodies.
 *   - Cost per round follows what changed: bodies to push are looked for only in document entries
 *     written since the last complete body push (its state vector is kept in sync_state, moved only
 *     after the last pack is written) and checked one by one against sync_body_known; the whole
 *     document is walked only on a device's first push. Parsed folder names are remembered by the
 *     engine, so a listing decrypts only new names.
 *   - Duplicated or replayed files (seq below the stored position) are ignored; Yjs updates are
 *     idempotent anyway.
 *   - A file shorter than its (authenticated) declared length is still arriving: waited for, not an
 *     error; reported after 3 unchanged rounds, and skipped once a later snapshot of that device
 *     makes it unnecessary. Same for a gap (a later file arrived first).
 *   - A complete file that fails the signature or decryption (tampered, from another profile or
 *     folder key, copied under another seq) is refused, reported (status.errors) and skipped; what it
 *     should have carried arrives with the sender's next snapshot, which always holds its whole state.
 *   - Files of a revoked device after its revocation point are refused and reported.
 *   - An update whose dependencies are in another device's file not read yet stays pending in Yjs:
 *     its position is not advanced and it is read again (pending structs are not persisted).
 *   - A crash anywhere: writes are temp file + rename; positions are stored after each file; a
 *     device that crashed between writing and recording re-verifies its own newest files and either
 *     keeps them or overwrites a half-written one; readers re-apply at most one file.
 *
 * PAIRING (pairing.ts). The first device shows a code (36 characters in groups of 4, or a QR
 * payload) holding a 128-bit one-time secret and its expiry (10 minutes). The new device (unlocked,
 * same folder) writes a join request (its id, name, public keys) encrypted under a key derived from
 * the secret. On its next round the first device checks expiry and single use, adds the device to
 * the registry and answers — also under the secret — with the key set wrapped to the new device's
 * X25519 key, plus the registry; refusals (expired, used) are answered too, so the joiner can say why.
 *
 * REVOCATION: registry entry marked revoked with the last seq accepted per stream, and a new epoch
 * key wrapped only to the remaining devices. The revoked device keeps what it had, can read nothing
 * written afterwards, and its new files are refused everywhere. Devices that have not synced since
 * keep writing with the previous key until their next round (keys are read before pushing). Two
 * concurrent revocations: the highest (epoch, creator) key wins everywhere; a device that finds the
 * winning key wrapped to a device revoked elsewhere rotates again.
 *
 * NOT HIDDEN from someone with the folder: number of devices (directories), number and sizes of files
 * and when they change (so roughly how much and when the person adds data), the epoch count via the
 * number of 'k' files. Bodies are compressed before encryption (see container.ts for the trade-off).
 *
 * RELAY: see transport.ts; a blind blob store needs only list/read/writeAtomic, nothing in the engine.
 */
export { FolderNames } from './container';
export { SyncEngine, syncOnce, type SyncCounts, type SyncEngineOptions, type RejectedFile } from './engine';
export { SyncService } from './service';
export { SyncState } from './state';
export { FolderTransport, type SyncTransport } from './transport';
