// `airlock scan --sarif`: the findings as SARIF 2.1.0, the format code-scanning services read from CI.
// One run, one rule per finding id, each result at the file it is about (none for the shell's
// environment). Pure.

import type { ScanFinding } from './findings.js';

/** The file a finding is in: its `where` up to a ` (resource)` suffix; none for the environment. */
const fileOf = (where: string) => (where.startsWith('/') ? where.replace(/ \([^)]*\)$/, '') : null);

export function sarif(findings: readonly ScanFinding[], version: string): object {
  const ids = [...new Set(findings.map((f) => f.id))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'airlock',
            version,
            rules: ids.map((id) => {
              const first = findings.find((f) => f.id === id)!;
              return { id, shortDescription: { text: id }, help: { text: first.fix } };
            }),
          },
        },
        results: findings.map((f) => {
          const file = fileOf(f.where);
          return {
            ruleId: f.id,
            ruleIndex: ids.indexOf(f.id),
            level: f.severity,
            message: { text: `${f.message}. Fix: ${f.fix}` },
            ...(file ? { locations: [{ physicalLocation: { artifactLocation: { uri: `file://${encodeURI(file)}` } }, message: { text: f.where } }] } : {}),
          };
        }),
      },
    ],
  };
}
