import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSampleLists } from '../../../resources/medmij/generate';
import {
  DEFAULT_SAMPLE_DIR,
  MEDMIJ_NAMESPACES,
  MEDMIJ_SERVICES,
  REGIE_SAMPLE_CLIENT_ID,
  SIMULATOR_ORIGIN_PLACEHOLDER,
  loadSampleLists,
  parseOAuthClientList,
  parseProviderList,
  parseServiceNameList,
  parseWhitelist,
  validateProviderListAgainst,
  type ListProblem,
  type ListParseResult,
} from '../../../src-main/medmij/lists';
import { ORIGIN, SIM, sampleText, whitelist, zal } from './helpers';

function problems<T>(r: ListParseResult<T>): ListProblem[] {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}
const codes = <T>(r: ListParseResult<T>) => problems(r).map((p) => p.code);

function svc(authz: string, token = 'https://token.example.nl/oauth/token', resource = 'https://fhir.example.nl/fhir', id = '48'): string {
  return `<Gegevensdienst><GegevensdienstId>${id}</GegevensdienstId>
    <AuthorizationEndpoint><AuthorizationEndpointuri>${authz}</AuthorizationEndpointuri></AuthorizationEndpoint>
    <TokenEndpoint><TokenEndpointuri>${token}</TokenEndpointuri></TokenEndpoint>
    <Systeemrollen><Systeemrol><Systeemrolcode>MM-1.0.0-BZB-FHIR</Systeemrolcode>
    <ResourceEndpoint><ResourceEndpointuri>${resource}</ResourceEndpointuri></ResourceEndpoint></Systeemrol></Systeemrollen></Gegevensdienst>`;
}

describe('sample lists (resources/medmij)', () => {
  it('parse and cross-check with the simulator origin substituted', () => {
    const lists = loadSampleLists(ORIGIN);
    const zalList = lists.zorgaanbiederslijst;
    expect(zalList.providers.map((p) => p.name)).toEqual(['delinde@medmij', 'rijnstad@medmij', 'hetkruispunt@medmij', 'noorderlicht@medmij', 'determ@medmij']);
    const bgz = zalList.providers[0]!.services.find((s) => s.id === '48')!;
    expect(bgz.authorizationEndpoint).toBe(`${ORIGIN}/delinde/oauth/authorize`);
    expect(bgz.tokenEndpoint).toBe(`${ORIGIN}/delinde/oauth/token`);
    expect(bgz.systemRoles).toEqual([
      { code: 'REGIE-SIM-48-STU3', resourceEndpoint: `${ORIGIN}/delinde/fhir/stu3` },
      { code: 'REGIE-SIM-48-R4', resourceEndpoint: `${ORIGIN}/delinde/fhir/r4` },
    ]);
    expect(lists.whitelist.hostnames).toContain('127.0.0.1');
    expect(lists.oauthclientlist.clients).toEqual([{ hostname: REGIE_SAMPLE_CLIENT_ID, organisationName: expect.stringContaining('niet gecertificeerd') }]);
    expect(lists.gegevensdienstnamenlijst.services.length).toBe(MEDMIJ_SERVICES.length);
    expect(zalList.sequence).toBe(2);
    expect(zalList.timestamp).toBe('2026-11-23T09:00:00Z');
  });

  it('are the generator output (run `npx tsx resources/medmij/generate.ts` after changing providers, catalogue or query sets)', () => {
    for (const [name, text] of Object.entries(generateSampleLists())) {
      expect(readFileSync(join(DEFAULT_SAMPLE_DIR, name), 'utf8'), name).toBe(text);
    }
  });

  it('the sample ZAL is refused without a simulator origin, and its loopback endpoints without allowLoopback', () => {
    expect(codes(parseProviderList(sampleText('zorgaanbiederslijst')))).toEqual(['placeholder-unresolved']);
    const strict = codes(parseProviderList(sampleText('zorgaanbiederslijst'), { simulatorOrigin: ORIGIN, allowLoopback: false }));
    expect(new Set(strict)).toEqual(new Set(['endpoint-not-https']));
    expect(codes(parseWhitelist(sampleText('whitelist')))).toEqual(['invalid-value']);
  });

  it('refuses a simulator origin that is not http://127.0.0.1:<port>', () => {
    for (const origin of ['http://localhost:80', 'https://127.0.0.1:443', 'http://127.0.0.1:80/', 'http://10.0.0.1:80']) {
      expect(codes(parseProviderList(sampleText('zorgaanbiederslijst'), { simulatorOrigin: origin, allowLoopback: true }))).toEqual(['source-invalid']);
    }
    expect(SIMULATOR_ORIGIN_PLACEHOLDER).toBe('{{SIMULATOR_ORIGIN}}');
  });

  it('a plain https list parses without options', () => {
    const r = parseProviderList(zal());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.list.providers[0]!.services[0]!.tokenEndpoint).toBe('https://token.example.nl:8443/oauth/token');
  });
});

describe('invalid lists', () => {
  it('refuses DOCTYPE and ENTITY declarations', () => {
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${zal()}`;
    expect(codes(parseProviderList(doctype))).toEqual(['xml-doctype']);
    expect(codes(parseProviderList(zal().replace('<Zorgaanbiederslijst', '<!ENTITY x "y"><Zorgaanbiederslijst')))).toEqual(['xml-doctype']);
  });

  it('refuses broken XML, empty input, processing instructions and unknown entities', () => {
    expect(codes(parseProviderList('<Zorgaanbiederslijst'))).toEqual(['xml-syntax']);
    expect(codes(parseProviderList('  '))).toEqual(['empty']);
    expect(codes(parseProviderList(zal().replace('<Zorgaanbieders>', '<?evil x?><Zorgaanbieders>')))).toEqual(['xml-syntax']);
    expect(codes(parseProviderList(zal().replace('voorbeeldpraktijk@medmij', '&xxe;')))).toEqual(['xml-syntax']);
  });

  it('refuses lists over the size cap', () => {
    const p = problems(parseProviderList(zal(), { maxBytes: 100 }));
    expect(p[0]!.code).toBe('too-large');
    expect(p[0]!.message.en).toMatch(/at most 100/);
  });

  it('refuses the wrong root and the wrong namespace, bilingually', () => {
    expect(codes(parseProviderList(whitelist(['a.nl'])))).toEqual(['wrong-root']);
    const wrongNs = zal().replace(MEDMIJ_NAMESPACES.zorgaanbiederslijst, 'xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release1/');
    const [p] = problems(parseProviderList(wrongNs));
    expect(p!.code).toBe('wrong-namespace');
    expect(p!.message.nl).toContain('verwacht "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/"');
    expect(p!.message.en).toContain('expected "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/"');
    // a child element in another namespace
    const mixed = zal().replace('<Volgnummer>3</Volgnummer>', '<Volgnummer xmlns="urn:other">3</Volgnummer>');
    expect(codes(parseProviderList(mixed))).toEqual(['wrong-namespace']);
  });

  it('refuses missing, extra and misplaced elements, stray text and attributes', () => {
    expect(codes(parseProviderList(zal().replace(/<Tijdstempel>.*<\/Tijdstempel>/, '')))).toEqual(['missing-element']);
    const noToken = zal(svc('https://auth.example.nl/authorize').replace(/<TokenEndpoint>.*?<\/TokenEndpoint>/s, ''));
    const p = problems(parseProviderList(noToken));
    expect(p.map((x) => x.code)).toContain('missing-element');
    expect(p.find((x) => x.code === 'missing-element')!.path).toBe('Zorgaanbieders/Zorgaanbieder[1]/Gegevensdiensten/Gegevensdienst[1]');
    expect(codes(parseProviderList(zal().replace('<Zorgaanbieders>', '<Extra/><Zorgaanbieders>')))).toContain('unexpected-element');
    expect(codes(parseProviderList(zal().replace('<Zorgaanbieders>', '<Zorgaanbieders>tekst')))).toEqual(['unexpected-text']);
    expect(codes(parseProviderList(zal().replace('<Zorgaanbieders>', '<Zorgaanbieders id="x">')))).toEqual(['unexpected-attribute']);
    expect(codes(parseProviderList(zal().replace('<Volgnummer>3</Volgnummer>', '<Volgnummer>3</Volgnummer><Volgnummer>4</Volgnummer>')))).toEqual(['too-many']);
    // a provider without any Gegevensdienst (minOccurs 1)
    expect(codes(parseProviderList(zal('')))).toEqual(['missing-element']);
  });

  it('refuses duplicate providers, data service ids, system roles and hostnames', () => {
    const dupProvider = zal(undefined, `<Zorgaanbieder><Zorgaanbiedernaam>voorbeeldpraktijk@medmij</Zorgaanbiedernaam><Gegevensdiensten>${svc('https://a.example.nl/x')}</Gegevensdiensten></Zorgaanbieder>`);
    const [p] = problems(parseProviderList(dupProvider));
    expect(p!.code).toBe('duplicate-id');
    expect(p!.message.nl).toBe('Zorgaanbiedernaam "voorbeeldpraktijk@medmij" komt meer dan één keer voor.');
    expect(p!.path).toBe('Zorgaanbieders/Zorgaanbieder[2]/Zorgaanbiedernaam');
    expect(codes(parseProviderList(zal(svc('https://a.example.nl/x') + svc('https://b.example.nl/y'))))).toEqual(['duplicate-id']);
    const dupRole = zal(svc('https://a.example.nl/x').replace(/(<Systeemrol>.*<\/Systeemrol>)/s, '$1$1'));
    expect(codes(parseProviderList(dupRole))).toEqual(['duplicate-id']);
    expect(codes(parseWhitelist(whitelist(['a.example.nl', 'a.example.nl'])))).toEqual(['duplicate-id']);
    const gnl = sampleText('gegevensdienstnamenlijst').replace('<GegevensdienstId>49</GegevensdienstId>', '<GegevensdienstId>48</GegevensdienstId>');
    expect(codes(parseServiceNameList(gnl))).toEqual(['duplicate-id']);
    const ocl = sampleText('oauthclientlist').replace(/(<OAuthclient>.*<\/OAuthclient>)/s, '$1$1');
    expect(codes(parseOAuthClientList(ocl))).toEqual(['duplicate-id']);
  });

  it('refuses non-https endpoints except 127.0.0.1 loopback when allowed', () => {
    const http = zal(svc('http://auth.example.nl/authorize'));
    const [p] = problems(parseProviderList(http, { allowLoopback: true }));
    expect(p!.code).toBe('endpoint-not-https');
    expect(p!.path).toMatch(/AuthorizationEndpointuri$/);
    expect(p!.message.en).toContain('does not use https');
    expect(codes(parseProviderList(zal(svc('ftp://auth.example.nl/a'))))).toEqual(['endpoint-not-https']);
    expect(codes(parseProviderList(zal(svc('http://localhost:8080/a')), { allowLoopback: true }))).toEqual(['endpoint-not-https']);
    expect(codes(parseProviderList(zal(svc('http://127.0.0.1:8080/a'))))).toEqual(['endpoint-not-https']);
    expect(parseProviderList(zal(svc('http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/t', 'http://127.0.0.1:8080/fhir')), { allowLoopback: true }).ok).toBe(true);
  });

  it('refuses endpoints the XSD patterns do not allow', () => {
    for (const bad of [
      'https://auth.example.nl/authorize?x=1',
      'https://auth.example.nl/a#f',
      'https://user:pw@auth.example.nl/a',
      'https://AUTH.example.nl/a',
      'https://auth.example.nl:8443/authorize', // no port on the front channel
      'https://auth.example.nl/a/',
      'geen url',
    ]) {
      expect(codes(parseProviderList(zal(svc(bad)))), bad).toEqual(['endpoint-invalid']);
    }
  });

  it('refuses bad simple values', () => {
    expect(codes(parseProviderList(zal().replace('voorbeeldpraktijk@medmij', 'Voorbeeld@medmij')))).toEqual(['invalid-value']);
    expect(parseProviderList(zal().replace('voorbeeldpraktijk@medmij', 'abcd@medmij')).ok).toBe(true);
    expect(codes(parseProviderList(zal().replace('voorbeeldpraktijk@medmij', 'ab@medmij')))).toEqual(['invalid-value']);
    expect(codes(parseProviderList(zal().replace('2025-01-06T09:00:00Z', '2025-01-06')))).toEqual(['invalid-value']);
    expect(codes(parseProviderList(zal().replace('2025-01-06T09:00:00Z', '2025-13-06T09:00:00Z')))).toEqual(['invalid-value']);
    expect(codes(parseProviderList(zal().replace('<Volgnummer>3', '<Volgnummer>0')))).toEqual(['invalid-value']);
    expect(codes(parseProviderList(zal().replace('<Volgnummer>3', '<Volgnummer>-3')))).toEqual(['invalid-value']);
    expect(codes(parseProviderList(zal(svc('https://a.example.nl/x', undefined, undefined, 'x'.repeat(31)))))).toEqual(['invalid-value']);
    expect(codes(parseWhitelist(whitelist(['Hoofdletters.nl'])))).toEqual(['invalid-value']);
    expect(codes(parseWhitelist(whitelist(['localhost'])))).toEqual(['invalid-value']);
    const gnl = sampleText('gegevensdienstnamenlijst').replace('<Weergavenaam>Afspraken</Weergavenaam>', '<Weergavenaam>AB</Weergavenaam>');
    expect(codes(parseServiceNameList(gnl))).toEqual(['invalid-value']);
  });

  it('reports every problem, not only the first', () => {
    const bad = zal(svc('http://a.example.nl/x', 'https://t.example.nl/t?q', 'ftp://r.example.nl/r')).replace('<Volgnummer>3', '<Volgnummer>x');
    expect(codes(parseProviderList(bad))).toEqual(['invalid-value', 'endpoint-not-https', 'endpoint-invalid', 'endpoint-not-https']);
  });
});

describe('cross-list validation', () => {
  it('refuses endpoint hosts not on the whitelist and unknown data service ids', () => {
    const list = parseProviderList(zal(svc('https://auth.example.nl/authorize', 'https://token.example.nl/t', 'https://fhir.example.nl/fhir', '777')));
    const wl = parseWhitelist(whitelist(['auth.example.nl', 'fhir.example.nl']));
    const gnl = parseServiceNameList(sampleText('gegevensdienstnamenlijst'));
    if (!list.ok || !wl.ok || !gnl.ok) throw new Error('setup');
    const p = validateProviderListAgainst(list.list, { whitelist: wl.list, serviceNames: gnl.list });
    expect(p.map((x) => x.code)).toEqual(['unknown-service', 'endpoint-not-whitelisted']);
    expect(p[1]!.message.nl).toBe('Host "token.example.nl" van TokenEndpointuri staat niet op de Whitelist.');
    expect(p[1]!.path).toBe('Zorgaanbieders/Zorgaanbieder[1]/Gegevensdiensten/Gegevensdienst[1]/TokenEndpoint/TokenEndpointuri');
    expect(p[0]!.message.en).toBe('Data service "777" is not on the Gegevensdienstnamenlijst.');
  });

  it('the sample lists are consistent', () => {
    const zalR = parseProviderList(sampleText('zorgaanbiederslijst'), SIM);
    const wl = parseWhitelist(sampleText('whitelist'), SIM);
    const gnl = parseServiceNameList(sampleText('gegevensdienstnamenlijst'));
    if (!zalR.ok || !wl.ok || !gnl.ok) throw new Error('setup');
    expect(validateProviderListAgainst(zalR.list, { whitelist: wl.list, serviceNames: gnl.list })).toEqual([]);
  });
});
