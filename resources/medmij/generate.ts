/**
 * Generates the sample Zorgaanbiederslijst and Gegevensdienstnamenlijst for the provider simulator
 * from the one source of truth in code: the simulator's providers (src-main/medmij/simulator/
 * providers.ts), Regie's service catalogue (src-main/medmij/lists/services.ts) and the query sets
 * (src-main/medmij/queries/sets.ts: a service is offered in every FHIR version it has a set for).
 *
 *     npx tsx resources/medmij/generate.ts
 *
 * tests/medmij/lists checks that the committed files equal this output. The OAuth client list,
 * whitelist and weergave file are hand-written (they do not follow from the catalogue).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MEDMIJ_SERVICES, serviceInfoByKey } from '../../src-main/medmij/lists/services';
import { MEDMIJ_QUERY_SETS } from '../../src-main/medmij/queries/sets';
import { SIM_PROVIDERS } from '../../src-main/medmij/simulator/providers';

const ORIGIN = '{{SIMULATOR_ORIGIN}}';
const TIMESTAMP = '2026-11-23T09:00:00Z';
const VOLGNUMMER = 2;

/** Weergavenamen as a MedMij Gegevensdienstnamenlijst would carry them (Regie shows its own plain names). */
const LIST_NAMES: Record<string, string> = {
  '31': 'Medicatiegegevens',
  '46': 'Laboratoriumresultaten',
  '47': 'Afspraken',
  '48': 'Basisgegevensset Zorg',
  '49': 'Huisartsgegevens',
  '50': 'Basisgegevens GGZ',
  '51': 'Documenten (PDF/A)',
  '52': 'Meetwaarden vitale functies',
  '53': 'Meetwaarden vitale functies (delen)',
  '54': 'Overgevoeligheden',
  '55': 'Beelden',
  '57': 'Documenten (delen)',
  '58': 'Medicatiegerelateerde overgevoeligheden',
  '59': 'Verwijzing naar vragenlijst',
  '60': 'Antwoorden op vragenlijst',
  '61': 'Basisgegevens Langdurige Zorg',
  '63': 'Vaccinatie-Immunisatie',
  '66': 'Vaccinatie-Immunisatie 2.0',
  '68': 'Medicatiegegevens (MP9 3.0)',
};

const indent = (n: number) => ' '.repeat(n);

function providerList(): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!-- Voorbeeld-Zorgaanbiederslijst voor de lokale providersimulator van Regie. Fictieve zorgaanbieders. -->');
  out.push('<!-- Gegenereerd door resources/medmij/generate.ts; {{SIMULATOR_ORIGIN}} wordt door de lader vervangen door http://127.0.0.1:<poort>; zie README.md. -->');
  out.push('<Zorgaanbiederslijst xmlns="xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/ MedMij_Zorgaanbiederslijst.xsd">');
  out.push(`${indent(2)}<Tijdstempel>${TIMESTAMP}</Tijdstempel>`);
  out.push(`${indent(2)}<Volgnummer>${VOLGNUMMER}</Volgnummer>`);
  out.push(`${indent(2)}<Zorgaanbieders>`);
  for (const provider of SIM_PROVIDERS) {
    out.push(`${indent(4)}<Zorgaanbieder>`);
    out.push(`${indent(6)}<Zorgaanbiedernaam>${provider.name}</Zorgaanbiedernaam>`);
    out.push(`${indent(6)}<Gegevensdiensten>`);
    for (const key of provider.services) {
      const service = serviceInfoByKey(key);
      // A sending service (MedMij Delen) has no query set: it is offered in the version MedMij defines it in.
      const versions = service.use === 'share' ? [service.fhirVersion] : MEDMIJ_QUERY_SETS.filter((s) => s.serviceId === service.id).map((s) => s.fhirVersion);
      out.push(`${indent(8)}<Gegevensdienst>`);
      out.push(`${indent(10)}<GegevensdienstId>${service.id}</GegevensdienstId>`);
      out.push(`${indent(10)}<AuthorizationEndpoint>`);
      out.push(`${indent(12)}<AuthorizationEndpointuri>${ORIGIN}/${provider.slug}/oauth/authorize</AuthorizationEndpointuri>`);
      out.push(`${indent(10)}</AuthorizationEndpoint>`);
      out.push(`${indent(10)}<TokenEndpoint>`);
      out.push(`${indent(12)}<TokenEndpointuri>${ORIGIN}/${provider.slug}/oauth/token</TokenEndpointuri>`);
      out.push(`${indent(10)}</TokenEndpoint>`);
      out.push(`${indent(10)}<Systeemrollen>`);
      for (const version of versions) {
        out.push(`${indent(12)}<Systeemrol>`);
        out.push(`${indent(14)}<Systeemrolcode>REGIE-SIM-${service.id}-${version}</Systeemrolcode>`);
        out.push(`${indent(14)}<ResourceEndpoint>`);
        out.push(`${indent(16)}<ResourceEndpointuri>${ORIGIN}/${provider.slug}/fhir/${version.toLowerCase()}</ResourceEndpointuri>`);
        out.push(`${indent(14)}</ResourceEndpoint>`);
        out.push(`${indent(12)}</Systeemrol>`);
      }
      out.push(`${indent(10)}</Systeemrollen>`);
      out.push(`${indent(8)}</Gegevensdienst>`);
    }
    out.push(`${indent(6)}</Gegevensdiensten>`);
    out.push(`${indent(4)}</Zorgaanbieder>`);
  }
  out.push(`${indent(2)}</Zorgaanbieders>`);
  out.push('</Zorgaanbiederslijst>');
  return `${out.join('\n')}\n`;
}

function serviceNameList(): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!-- Voorbeeld-Gegevensdienstnamenlijst bij de voorbeeld-Zorgaanbiederslijst; gegenereerd door resources/medmij/generate.ts. -->');
  out.push('<Gegevensdienstnamenlijst xmlns="xmlns://afsprakenstelsel.medmij.nl/gegevensdienstnamenlijst/release1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="xmlns://afsprakenstelsel.medmij.nl/gegevensdienstnamenlijst/release1/ MedMij_Gegevensdienstnamenlijst.xsd">');
  out.push(`${indent(2)}<Tijdstempel>${TIMESTAMP}</Tijdstempel>`);
  out.push(`${indent(2)}<Volgnummer>${VOLGNUMMER}</Volgnummer>`);
  out.push(`${indent(2)}<Gegevensdiensten>`);
  const ids = [...new Set(MEDMIJ_SERVICES.map((s) => s.id))].sort((a, b) => Number(a) - Number(b));
  for (const id of ids) {
    const name = LIST_NAMES[id];
    if (!name) throw new Error(`no Weergavenaam for service ${id}`);
    out.push(`${indent(4)}<Gegevensdienst>`);
    out.push(`${indent(6)}<GegevensdienstId>${id}</GegevensdienstId>`);
    out.push(`${indent(6)}<Weergavenaam>${name}</Weergavenaam>`);
    out.push(`${indent(4)}</Gegevensdienst>`);
  }
  out.push(`${indent(2)}</Gegevensdiensten>`);
  out.push('</Gegevensdienstnamenlijst>');
  return `${out.join('\n')}\n`;
}

/** The generated files, by name (pure: no I/O). */
export function generateSampleLists(): Record<'zorgaanbiederslijst.xml' | 'gegevensdienstnamenlijst.xml', string> {
  return { 'zorgaanbiederslijst.xml': providerList(), 'gegevensdienstnamenlijst.xml': serviceNameList() };
}

function main(): void {
  for (const [name, text] of Object.entries(generateSampleLists())) {
    writeFileSync(fileURLToPath(new URL(name, import.meta.url)), text);
    process.stdout.write(`wrote resources/medmij/${name}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
