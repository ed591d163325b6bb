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
 * one device whose public key is in the membership chain, and the chain says from which seq on a
 * revoked device's files are refused. Epoch keys reach devices in 'k' files: the key set (all epochs, so a
 * device added later can read old files) and the membership chain, wrapped to each member's X25519
 * key (ephemeral ECDH + HKDF + AES-GCM), signed by the writer. Any key wrapped to a device may be
 * used to read (a file's signature says who wrote it); which key is written with is the chain's
 * choice alone (below).
 *
 * MEMBERSHIP (membership.ts, group-chain.ts). The device list is one append-only chain of entries,
 * each signed by the device that made it, numbered (height 1, 2, 3, …) and linked by hash to the
 * entry before: genesis (the first device and epoch 1), add (a paired device), revoke (devices, the
 * last seq accepted per stream of each, and the next epoch), rename. Every device pins the genesis
 * it started or joined with, and computes the list from the entries it has seen: at each height, an
 * entry counts only if its author is a current member, its signature holds, and its op keeps the
 * rules (a device id is added once; a revocation names current members other than its author and
 * exactly the next epoch, with a key id not used before). Entries travel in 'r' files (each device
 * passes on entries it has not published yet, its own and others') and inside every key bundle.
 *   - Who may change it: any device that is still a member (pairing a new computer from any of the
 *     person's computers keeps working). Chosen over "only the first device" because that device is
 *     the one most likely to be lost or replaced, and a person with only their other computers left
 *     must still be able to revoke it. The cost: a hostile member, before it is revoked, could pair
 *     a hidden device of its own. Therefore revoking a device also revokes the devices it paired
 *     (and those they paired), except the revoking device and those the person ticks as their own
 *     (devicesPairedThrough in the contract; the UI lists them in the confirmation).
 *   - Forks: two devices that append at the same height (offline at the same time) both made valid
 *     entries; every device picks the same one: a revocation beats the entries of the devices it
 *     revokes (the revoked device cannot outrun it), otherwise the author paired earliest wins, then
 *     the lower hash. The loser's author redoes its change on top of the winner (an add, a rename, a
 *     revocation with a fresh epoch), unless it no longer applies. Only entries whose signature is
 *     really its own: an entry that merely names it as author is a forgery and is reported.
 *   - Epoch keys: the chain holds a commitment (sha256) to each epoch key, never the key. A device
 *     writes only with the key of the chain's latest epoch, and only if it matches the commitment;
 *     without it (its key file has not arrived, or was withheld) it writes nothing encrypted. A key
 *     under an id the chain names but with other bytes is dropped. Key files are wrapped only to the
 *     devices the chain lists as not revoked.
 *   - Heads: every data and registry file, and every key bundle, states the chain head (height and
 *     hash) its writer had. A device that sees a current member use a head or a key it lacks is
 *     behind: it may not know of a revocation yet, so it pushes no data until it has caught up, and
 *     after 3 rounds it reports 'behind'. A revoked device that deletes the key and registry files
 *     written after its revocation therefore does not make a third device encrypt for it: that device
 *     sees the revoker's next data file sealed with a key it lacks. The revoker, for its part, checks
 *     that its own key and registry files are still in the folder and writes them again (reported as
 *     'removed'); readers read past a gap in those streams, since each such file stands alone.
 *   - Entries that break the rules are reported once ('chain-invalid'); at most 10,000 entries are
 *     kept. Profiles synced before the chain existed have a merged device list nobody can verify:
 *     their next round leaves that group, starts a new one and reports 'sync-reset' (pair again;
 *     records stay, and merge when paired).
 *
 * FOLDER LAYOUT (container.ts). Names are a one-block AES permutation of (kind, device, seq) under a
 * key derived from the naming key, so a member can list and parse the folder while it shows outsiders
 * only random hex names, sizes and times. Per device one directory, written only by that device, with
 * four append-only streams of numbered files: 'u' (Yjs updates, batched per round, and periodic
 * snapshots 's' in the same numbering), 'b' (body packs), 'r' (registry), 'k' (wrapped keys), and
 * its ack file 'a' (what it applied, what it removed; only the newest is kept). Pairing
 * messages live under p/<tag> (tag derived from the one-time secret). Changed from the first sketch:
 * bodies travel in per-device packs of up to 8 MiB instead of one file per body (a 100,000-resource
 * profile would otherwise be 200,000 files, which sync tools and file systems handle badly); the
 * folder learns which bodies another device already published from `sync_body_known`. Bodies travel
 * as they are stored (deflated): the sender reads the stored bytes, the receiver inflates each once
 * to check its hash and stores what it got, so a first sync neither inflates nor deflates twice.
 *
 * COMPACTION (compaction.ts): each device removes its own files that no known (not revoked) device
 * needs any more: updates superseded by a snapshot (its own, or another device's that covers them)
 * once every device has applied them, and body packs whose bodies the document no longer refers to;
 * small and half-empty packs are rewritten. A long-used folder stays near one fresh snapshot. Key files are
 * per writer ('k' stream) rather than k/<epoch>/<device>, keeping "each device writes only its own
 * directory" without exception except the pairing answer.
 *
 * ROUND (engine.ts, syncOnce): finish a pending join → read keys and registries of all devices →
 * redo own entries that lost a fork → answer join requests for codes this device showed → push keys
 * and registry if changed → pull bodies, then updates and snapshots of every other device, each
 * stream in order from the position stored for it → unless behind, push data (one update =
 * everything in the document beyond the folder's state vector, a snapshot when due, bodies the folder
 * lacks) → publish the ack file and compact. Keys and registry are read first so a revocation is known before data; data is pushed last
 * so that whatever the others' files show (a newer head, a key this device lacks) is known before
 * this device encrypts anything; bodies are pulled before updates so arriving records are derived
 * once, with their bodies.
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
 *   - What is in the folder is not trusted to be a plain file (transport.ts): type and size are
 *     checked before a file is opened (no links to elsewhere, FIFOs, devices; opened non-blocking,
 *     read up to a limit: 1 MiB pairing messages, 16 MiB key and registry files, 1 GiB data); a
 *     refused file is reported ('not-a-file', 'too-large') and skipped. A FIFO at the pairing answer's
 *     predictable name once froze the whole app.
 *
 * PAIRING (pairing.ts). The first device shows a code (36 characters in groups of 4, or a QR
 * payload) holding a 128-bit one-time secret and its expiry (10 minutes). The new device (unlocked,
 * same folder) writes a join request (its id, name, public keys) encrypted under a key derived from
 * the secret. On its next round the first device checks expiry and single use, adds the device to
 * the registry and answers — also under the secret — with the key set wrapped to the new device's
 * X25519 key, with the membership chain (which now holds an 'add' entry for it); the joiner checks
 * that chain from its genesis and that it names this device with its own keys. Refusals (expired,
 * used) are answered too, so the joiner can say why.
 *
 * REVOCATION: a revoke entry in the chain with the last seq accepted per stream, and the next epoch,
 * whose key is wrapped only to the remaining devices. The revoked device keeps what it had (its copy
 * and the keys up to then), can read nothing written afterwards by a device that knows, gets no key
 * wrapped to it, and its new files and entries are refused everywhere. A device that has not synced
 * since learns it before it pushes data in its next round. Two concurrent revocations: see Forks.
 * The threat model for a hostile former and a hostile current member is in SECURITY.md.
 *
 * NOT HIDDEN from someone with the folder: number of devices (directories), number and sizes of files
 * and when they change (so roughly how much and when the person adds data), the epoch count via the
 * number of 'k' files. Bodies are compressed before encryption (see container.ts for the trade-off).
 * A revoked device still has the naming key: it can still tell which device writes which kind of
 * file, and when; not what is in them.
 *
 * RELAY: see transport.ts; a blind blob store needs only list/read/writeAtomic, nothing in the engine.
 */
export { FolderNames } from './container';
export { SyncEngine, syncOnce, type SyncCounts, type SyncEngineOptions, type RejectedFile } from './engine';
export { SyncService } from './service';
export { SyncState } from './state';
export { FolderTransport, type SyncTransport } from './transport';
