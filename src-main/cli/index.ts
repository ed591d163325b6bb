/**
 * `regie`: Regie without a window, for headless use and automation. Every command goes through the
 * same core API as the app. Secrets come from REGIE_PASSWORD / REGIE_TOTP / REGIE_NEW_PASSWORD or a
 * hidden prompt; a session from `regie unlock` travels in REGIE_SESSION.
 */
import '../common/require-node.mjs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { createCore } from '../core/create-core';
import { configuredSimulatorOrigin } from '../medmij/client/provider-directory';
import { fetchCommand } from './commands/fetch';
import { hiddenCommand, hideCommand, unhideCommand } from './commands/hidden';
import { measureCommand } from './commands/measure';
import { profileCreate, profileDelete, profileList, profilePasswd } from './commands/profile';
import { questionnaireCommand } from './commands/questionnaire';
import { relayCommand } from './commands/relay';
import { importCommand } from './commands/import';
import { listCommand, searchCommand, showCommand } from './commands/records';
import { sendCommand, sentCommand } from './commands/send';
import { lock, unlock } from './commands/session';
import { identityCommand } from './commands/identity';
import { pairCommand, syncCommand, syncDevicesCommand, syncWatch } from './commands/sync';
import type { CliContext } from './context';
import { cliLanguage, CliUsageError, createOutput } from './output';

const usage = `Gebruik / usage: regie [--data-dir DIR] [--json] <command>

Commands:
  profile create NAME        create a profile; prints its id, authenticator URI and recovery code
  profile list               list the profiles on this computer
  profile delete ID [--yes]  delete a profile and every file of it (needs REGIE_SESSION or password + code)
  profile passwd ID [--renew-key]
                             change the password (REGIE_PASSWORD, REGIE_TOTP, REGIE_NEW_PASSWORD); --renew-key
                             also re-encrypts the profile under a new key (an old copy of vault.json with the
                             old password no longer opens it) and prints a new recovery code
  unlock --profile ID|NAME [--timeout MINUTES]
                             check password + code and print a session token for REGIE_SESSION
  lock [--profile ID|NAME]   end every session of the profile
  import PATH... [--source LABEL] [--other-person] [--all-or-nothing] [--documents [--date D]]
                             import FHIR (R4/STU3, JSON/XML) from any number of files, folders (read
                             recursively) and .zip archives (a provider's or a PGO's export). Each
                             file is imported whole or not at all, with a line per file: imported,
                             unchanged, refused or skipped, and why; exit 0 only if none was refused.
                             --all-or-nothing: the whole run is one transaction (one refused file
                             stores nothing). Letters and photos in folders and archives are skipped
                             unless --documents adds them as your own documents (title: the file name;
                             date: --date, else today). Data about someone else than the profile's
                             person is refused (nothing of that file stored) unless --other-person
                             says you know. A count on stderr at a terminal; Ctrl-C stops after the
                             current file (what was imported stays, unless --all-or-nothing)
  import DOCUMENT [--title TITLE] [--date YYYY-MM-DD]
                             add a letter (.pdf) or photo (.jpg, .png) as your own document; without
                             --title the file name is its title, without --date today is its date
  list [--type TYPE]         the records (normalized), newest first
  search QUERY [--offset N] [--limit N] [--sort date|relevance] [--type TYPE]
                             full-text search, a page at a time (default 50, newest first); everyday
                             words also find formal ones (suiker → glucose, diabetes)
  show ID [--original]       one record as normalized R4 JSON, or exactly as received
  show ID --fields [--lang en]
                             what the record says in words, as the app shows it (label key: value);
                             references by name, codes only in the JSON and --original
  measure add KIND VALUE... [--unit U] [--at ISO] [--note TEXT] [--confirm-implausible]
                             add an own measurement; KIND: bloeddruk (two values, e.g. 135 85),
                             gewicht, glucose, hartslag, temperatuur; --at: when (default now, local
                             time unless it has an offset); an unusual value is refused unless
                             --confirm-implausible says it is right
  measure list [--kind K] [--since DATE]
                             measurements, own and from care providers, oldest first
  measure correct ID VALUE... [--at ISO] [--note TEXT] [--confirm-implausible]
                             correct an own measurement; the previous values stay as its history
  measure delete ID          delete an own measurement (on every synced device)
  hide RECORD-ID --reason klopt-niet|dubbel|niet-van-mij|anders [--note TEXT]
                             hide a received record from every list; nothing is deleted
  unhide RECORD-ID           show a hidden record again
  hidden                     the hidden records, with why
  identity                   whom this profile belongs to (set by you, or from the first import or fetch)
  identity set --name NAME --birth-date DATE [--correct]
                             say whom it belongs to; once set only --correct (a typing mistake), never
                             into someone the profile's records contradict
  sync [--folder DIR]        one sync round with the sync folder (push, then pull); --folder sets it;
                             exit 0 unless a file was rejected
  sync --watch [--folder DIR] [--interval SECONDS]
                             keep syncing (headless machines): a round every SECONDS (default 60), one
                             line per round (a JSON line with --json), until Ctrl+C or the profile locks
                             (rounds do not keep it open: its auto-lock still applies)
  sync devices               the devices of this profile's sync (id, name, this one, revoked)
  sync rename DEVICE NAME    rename a device (DEVICE: its id, the start of its id, or its name)
  sync revoke DEVICE [--keep DEVICE...]
                             revoke a device: it reads nothing written from now on; devices paired
                             through it go too, except those you --keep (your own)
  pair create                show a single-use pairing code (10 minutes) for another device
  pair join CODE [--folder DIR]
                             join the profile of the device that showed CODE (then sync on both)
  fetch --provider NAME [--service ID...] [--provider-list FILE|URL] [--relay URL] [--login-timeout SECONDS]
                             collect records from a care provider via MedMij: prints the login URL,
                             opens it with $BROWSER (else the system browser), waits for the login,
                             imports each query all or nothing; exit 0 only if everything succeeded.
                             --relay: through this relay (Regie's MedMij node) for this command;
                             MedMij's lists come through it too unless --provider-list is given;
                             --login-timeout: how long to wait for the login (default 600)
  relay [show]               the relay this computer fetches through (a setting of the computer)
  relay set URL [--lists relay|direct]
                             choose a relay (checked first); MedMij's lists through it (default) or directly
  relay clear                no relay: only the practice care providers answer

  send --provider NAME --service ID [--kind K] [--since DATE] [--until DATE] [--record ID...]
       [--file PATH] [--title T] [--description D] [--date DATE] [--provider-list DIR|URL]
       [--relay URL] [--yes]
                             send to a care provider via MedMij (Delen): 53 own measurements (--kind
                             bloeddruk|gewicht|glucose|hartslag|temperatuur, a period or --record IDs),
                             55 a photo (--file or --record, --description, --date), 57 a PDF (--file
                             or --record, --title, --description, --date), 58 medication allergies
                             (--record IDs). Prints exactly what is sent, to whom; sends only with
                             --yes (or "j" at a terminal), then logs in like fetch (through the
                             relay when one is set, and says so) and prints the provider's answer
                             per item; exit 0 only if everything was accepted
  sent                       the Verstuurd log: every send, to whom, when, and the answer
  questionnaire list         the questionnaires care providers asked you to fill in (fetch them with
                             fetch --service 59): ID, status, title, provider, due date
  questionnaire show ID      its questions: linkId, kind of answer, required, unit, limits, when it
                             applies, and the options with their codes; the draft, or what was sent
  questionnaire answer ID --answers FILE.json [--yes]
                             answer it from a file and send it (service 60): FILE.json holds
                             {"linkId": answer, …} — true/false or "ja"/"nee"; 72.5 or "72,5";
                             "2025-02-03"; "2026-12-02T10:00"; "14:30"; an option's code or words;
                             a list for a question with more answers. Answers are checked first
                             (what to fix is listed, nothing sent); then like send: shown, sent only
                             with --yes (or "j" at a terminal), the provider's answer; exit 0 if accepted

  import, list, search, show, measure, hide, unhide, hidden, fetch, send, sent, questionnaire, sync and pair work on the profile of
  REGIE_SESSION, or on --profile with password + code.
  fetch uses the sample provider lists unless --provider-list names a folder or URL with MedMij's
  lists. Their fictitious providers run inside this command, on a port the system picks; set
  REGIE_MEDMIJ_SIMULATOR=http://127.0.0.1:PORT to use a simulator you started yourself instead.

Options:
  --data-dir DIR   where profiles live (default: ${defaultDataDir()})
  --json           machine-readable output
  -h, --help       this text

Secrets are never arguments: set REGIE_PASSWORD and REGIE_TOTP, or type them when asked.`;

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = createOutput(argv.includes('--json'), cliLanguage(env));
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        profile: { type: 'string' },
        timeout: { type: 'string' },
        yes: { type: 'boolean' },
        'renew-key': { type: 'boolean' },
        name: { type: 'string' },
        'birth-date': { type: 'string' },
        correct: { type: 'boolean' },
        source: { type: 'string' },
        type: { type: 'string' },
        original: { type: 'boolean' },
        fields: { type: 'boolean' },
        lang: { type: 'string' },
        provider: { type: 'string' },
        service: { type: 'string', multiple: true },
        'provider-list': { type: 'string' },
        relay: { type: 'string' },
        lists: { type: 'string' },
        'login-timeout': { type: 'string' },
        folder: { type: 'string' },
        'other-person': { type: 'boolean' },
        'all-or-nothing': { type: 'boolean' },
        documents: { type: 'boolean' },
        title: { type: 'string' },
        date: { type: 'string' },
        unit: { type: 'string' },
        at: { type: 'string' },
        note: { type: 'string' },
        kind: { type: 'string' },
        since: { type: 'string' },
        reason: { type: 'string' },
        'confirm-implausible': { type: 'boolean' },
        until: { type: 'string' },
        record: { type: 'string', multiple: true },
        file: { type: 'string' },
        description: { type: 'string' },
        offset: { type: 'string' },
        limit: { type: 'string' },
        sort: { type: 'string' },
        watch: { type: 'boolean' },
        interval: { type: 'string' },
        keep: { type: 'string', multiple: true },
        answers: { type: 'string' },
      },
    });
    if (values.help || positionals.length === 0) {
      process.stdout.write(`${usage}\n`);
      return values.help ? 0 : 2;
    }
    const chosenSimulator = configuredSimulatorOrigin(env);
    const loginTimeout = values['login-timeout'];
    if (loginTimeout !== undefined && !/^[1-9]\d{0,3}$/.test(loginTimeout)) throw new CliUsageError('--login-timeout is a number of seconds (1 to 9999)');
    const core = createCore({
      dataDir: resolve(values['data-dir'] ?? defaultDataDir(env)),
      host: 'cli',
      // Only `sync --watch` runs background rounds; every other command does its one thing and ends.
      backgroundSync: values.watch === true && positionals[0] === 'sync' ? { intervalMs: watchIntervalMs(values.interval) } : false,
      medmij: {
        ...(chosenSimulator !== undefined && { simulatorOrigin: chosenSimulator }),
        practiceProvider: true,
        ...(values['provider-list'] !== undefined && { listSource: values['provider-list'] }),
        ...(values.relay !== undefined && { relay: { url: values.relay, listsViaRelay: values['provider-list'] === undefined } }),
        ...(loginTimeout !== undefined && { loginTimeoutMs: Number(loginTimeout) * 1000 }),
      },
    });
    const ctx: CliContext = { core, out, env, interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY) };
    try {
      return (await runCommand(ctx, positionals, values)) ?? 0;
    } finally {
      core.shutdown();
    }
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return out.failure(new CliUsageError(error.message));
    }
    return out.failure(error);
  }
}

async function runCommand(
  ctx: CliContext,
  positionals: string[],
  options: {
    profile?: string;
    timeout?: string;
    yes?: boolean;
    'renew-key'?: boolean;
    name?: string;
    'birth-date'?: string;
    correct?: boolean;
    source?: string;
    type?: string;
    original?: boolean;
    fields?: boolean;
    lang?: string;
    provider?: string;
    service?: string[];
    folder?: string;
    lists?: string;
    'other-person'?: boolean;
    'all-or-nothing'?: boolean;
    documents?: boolean;
    title?: string;
    date?: string;
    unit?: string;
    at?: string;
    note?: string;
    kind?: string;
    since?: string;
    reason?: string;
    'confirm-implausible'?: boolean;
    until?: string;
    record?: string[];
    file?: string;
    description?: string;
    offset?: string;
    limit?: string;
    sort?: string;
    watch?: boolean;
    keep?: string[];
    answers?: string;
  },
): Promise<number | void> {
  const [command, sub, arg] = positionals;
  const tooMany = (n: number) => {
    if (positionals.length > n) {
      throw new CliUsageError(`too many arguments for '${command}'`);
    }
  };
  switch (command) {
    case 'profile':
      switch (sub) {
        case 'create':
          tooMany(3);
          return profileCreate(ctx, arg);
        case 'list':
          tooMany(2);
          return profileList(ctx);
        case 'delete':
          tooMany(3);
          return profileDelete(ctx, arg, options.yes === true);
        case 'passwd':
          tooMany(3);
          return profilePasswd(ctx, arg, options['renew-key'] === true);
        default:
          throw new CliUsageError(`unknown profile command '${sub ?? ''}'`);
      }
    case 'unlock':
      tooMany(1);
      return unlock(ctx, options.profile, options.timeout);
    case 'lock':
      tooMany(1);
      return lock(ctx, options.profile);
    case 'import':
      return importCommand(ctx, positionals.slice(1), {
        ...(options.source !== undefined && { source: options.source }),
        ...(options.profile !== undefined && { profile: options.profile }),
        ...(options['other-person'] && { otherPerson: true }),
        ...(options['all-or-nothing'] && { allOrNothing: true }),
        ...(options.documents && { documents: true }),
        ...(options.title !== undefined && { title: options.title }),
        ...(options.date !== undefined && { date: options.date }),
      });
    case 'list':
      tooMany(1);
      return listCommand(ctx, options.type, options.profile);
    case 'search':
      return searchCommand(ctx, positionals.slice(1), options, options.profile);
    case 'measure':
      return measureCommand(
        ctx,
        sub,
        positionals.slice(2),
        { ...options, confirmImplausible: options['confirm-implausible'] === true },
        options.profile,
      );
    case 'hide':
      tooMany(2);
      return hideCommand(ctx, sub, options, options.profile);
    case 'unhide':
      tooMany(2);
      return unhideCommand(ctx, sub, options.profile);
    case 'hidden':
      tooMany(1);
      return hiddenCommand(ctx, options.profile);
    case 'identity':
      tooMany(2);
      return identityCommand(ctx, sub, options, options.profile);
    case 'show':
      tooMany(2);
      return showCommand(ctx, sub, options.original === true, options.profile, { fields: options.fields === true, lang: options.lang });
    case 'sync':
      if (sub === 'devices' || sub === 'rename' || sub === 'revoke') {
        return syncDevicesCommand(ctx, sub, positionals.slice(2), options.keep ?? [], options.profile);
      }
      tooMany(1);
      if (options.watch) return syncWatch(ctx, options.folder, ctx.out.json, options.profile);
      return syncCommand(ctx, options.folder, options.profile);
    case 'pair':
      tooMany(3);
      return pairCommand(ctx, sub, arg, options.folder, options.profile);
    case 'relay':
      tooMany(3);
      return relayCommand(ctx, sub, arg, options.lists);
    case 'fetch':
      tooMany(1);
      return fetchCommand(ctx, {
        ...(options.provider !== undefined && { provider: options.provider }),
        ...(options.service !== undefined && { services: options.service }),
        ...(options.profile !== undefined && { profile: options.profile }),
      });
    case 'send':
      tooMany(1);
      return sendCommand(ctx, {
        ...(options.provider !== undefined && { provider: options.provider }),
        ...(options.service !== undefined && { service: options.service }),
        ...(options.kind !== undefined && { kind: options.kind }),
        ...(options.since !== undefined && { since: options.since }),
        ...(options.until !== undefined && { until: options.until }),
        ...(options.record !== undefined && { record: options.record }),
        ...(options.file !== undefined && { file: options.file }),
        ...(options.title !== undefined && { title: options.title }),
        ...(options.description !== undefined && { description: options.description }),
        ...(options.date !== undefined && { date: options.date }),
        ...(options.yes !== undefined && { yes: options.yes }),
        ...(options.profile !== undefined && { profile: options.profile }),
      });
    case 'sent':
      tooMany(1);
      return sentCommand(ctx, options.profile);
    case 'questionnaire':
      return questionnaireCommand(ctx, sub, positionals.slice(2), {
        ...(options.answers !== undefined && { answers: options.answers }),
        ...(options.yes !== undefined && { yes: options.yes }),
        ...(options.profile !== undefined && { profile: options.profile }),
      });
    default:
      throw new CliUsageError(`unknown command '${command}'`);
  }
}

/** `--interval SECONDS` of `sync --watch` (5 s to a day; default a minute). */
function watchIntervalMs(value: string | undefined): number {
  if (value === undefined) return 60_000;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 86_400) throw new CliUsageError('--interval takes whole seconds, 5 to 86400');
  return seconds * 1000;
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  process.exitCode = await runCli(process.argv.slice(2));
}
