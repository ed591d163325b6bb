import { readFileSync } from 'node:fs';
import { sampleListPath } from '../../../src-main/medmij/lists';
import type { MedmijListKind } from '../../../src-main/medmij/lists';

export const ORIGIN = 'http://127.0.0.1:45678';
export const SIM = { simulatorOrigin: ORIGIN, allowLoopback: true };

export function sampleText(kind: MedmijListKind): string {
  return readFileSync(sampleListPath(kind), 'utf8');
}

const NS = {
  zal: 'xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/',
  wl: 'xmlns://afsprakenstelsel.medmij.nl/whitelist/release2/',
};

/** A small, fully https Zorgaanbiederslijst; `service` replaces the one Gegevensdienst element. */
export function zal(service?: string, extraProvider = ''): string {
  const svc =
    service ??
    `<Gegevensdienst>
        <GegevensdienstId>48</GegevensdienstId>
        <AuthorizationEndpoint><AuthorizationEndpointuri>https://auth.example.nl/oauth/authorize</AuthorizationEndpointuri></AuthorizationEndpoint>
        <TokenEndpoint><TokenEndpointuri>https://token.example.nl:8443/oauth/token</TokenEndpointuri></TokenEndpoint>
        <Systeemrollen><Systeemrol><Systeemrolcode>MM-1.0.0-BZB-FHIR</Systeemrolcode>
          <ResourceEndpoint><ResourceEndpointuri>https://fhir.example.nl/fhir</ResourceEndpointuri></ResourceEndpoint></Systeemrol></Systeemrollen>
      </Gegevensdienst>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Zorgaanbiederslijst xmlns="${NS.zal}">
  <Tijdstempel>2025-01-06T09:00:00Z</Tijdstempel>
  <Volgnummer>3</Volgnummer>
  <Zorgaanbieders>
    <Zorgaanbieder>
      <Zorgaanbiedernaam>voorbeeldpraktijk@medmij</Zorgaanbiedernaam>
      <Gegevensdiensten>${svc}</Gegevensdiensten>
    </Zorgaanbieder>${extraProvider}
  </Zorgaanbieders>
</Zorgaanbiederslijst>`;
}

export function whitelist(hosts: string[], sequence = 1): string {
  return `<Whitelist xmlns="${NS.wl}"><Tijdstempel>2025-01-06T09:00:00+01:00</Tijdstempel><Volgnummer>${sequence}</Volgnummer><MedMijNodes>${hosts
    .map((h) => `<MedMijNode><Hostname>${h}</Hostname></MedMijNode>`)
    .join('')}</MedMijNodes></Whitelist>`;
}
