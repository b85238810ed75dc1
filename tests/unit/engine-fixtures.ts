/** A small, hand-made alias table for engine tests, independent of the bundled pack's data. */
import type { AliasSpec } from '../../src/match/types';

function person(entityId: string, forms: Array<string | [string, AliasSpec['context']]>): AliasSpec[] {
  return forms.map((f) => {
    const [text, context] = typeof f === 'string' ? [f, null] : f;
    return { entityId, entityType: 'person', text, caseInsensitive: false, context };
  });
}
function thing(entityId: string, entityType: string, forms: Array<string | [string, AliasSpec['context']] | [string, AliasSpec['context'], true]>): AliasSpec[] {
  return forms.map((f) => {
    const [text, context, caseInsensitive] = typeof f === 'string' ? [f, null, false] : [f[0], f[1], f[2] ?? false];
    return { entityId, entityType, text, caseInsensitive, context };
  });
}

export const TEST_ALIASES: AliasSpec[] = [
  ...person('marco-rubio', ['Marco Rubio', ['Rubio', 'entity']]),
  ...person('shehbaz-sharif', ['Shehbaz Sharif', 'Shahbaz Sharif', ['Sharif', 'entity']]),
  ...person('nawaz-sharif', ['Nawaz Sharif', ['Sharif', 'entity']]),
  ...person('s-jaishankar', ['S Jaishankar', 'S. Jaishankar', ['Jaishankar', 'domain']]),
  ...person('narendra-modi', ['Narendra Modi', ['Modi', 'domain']]),
  ...person('ishaq-dar', ['Ishaq Dar', ['Dar', 'entity']]),
  ...person('tammy-bruce', ['Tammy Bruce', ['Bruce', 'entity']]),
  ...thing('pahalgam', 'place', ['Pahalgam']),
  ...thing('2025-pahalgam-attack', 'event', ['Pahalgam attack', 'Pahalgam terror attack']),
  ...thing('jammu-and-kashmir-union-territory', 'place', ['Jammu and Kashmir', 'Jammu & Kashmir', ['J&K', 'domain']]),
  ...thing('kashmir', 'place', [['Kashmir', 'domain']]),
  ...thing('line-of-control', 'concept', ['Line of Control', ['line of control', null, true], ['LoC', 'domain']]),
  ...thing('line-of-actual-control', 'concept', ['Line of Actual Control', ['LAC', 'domain']]),
  ...thing('attari', 'place', ['Attari']),
  ...thing('wagah', 'place', ['Wagah']),
  ...thing('indus-waters-treaty', 'agreement', ['Indus Waters Treaty', ['IWT', 'domain']]),
  ...thing('lashkar-e-taiba', 'organization', ['Lashkar-e-Taiba', ['LeT', 'domain']]),
  ...thing('operation-sindoor', 'event', ['Operation Sindoor', ['Sindoor', 'entity']]),
  ...thing('antonio-guterres', 'person', ['António Guterres']),
];
