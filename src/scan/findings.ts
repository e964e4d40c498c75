// What `airlock scan` reports: hardening findings, each with where it is and the concrete fix, as text
// for a person or JSON for tools. Pure.

export type ScanSeverity = 'error' | 'warning' | 'note';

export interface ScanFinding {
  /** A stable id, like `agents/claude-bash-wildcard`. */
  id: string;
  severity: ScanSeverity;
  /** What is wrong, in one sentence. */
  message: string;
  /** The file it is in, or `environment` for the shell's variables. */
  where: string;
  /** What to do about it. */
  fix: string;
}

const ORDER: Record<ScanSeverity, number> = { error: 0, warning: 1, note: 2 };

export const bySeverity = (findings: readonly ScanFinding[]) => [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.where.localeCompare(b.where));

export function scanText(findings: readonly ScanFinding[]): string {
  if (findings.length === 0) return 'airlock scan: nothing found to harden.\n';
  const lines = bySeverity(findings).flatMap((f) => [`${f.severity.toUpperCase().padEnd(7)} ${f.id}  ${f.where}`, `        ${f.message}`, `        fix: ${f.fix}`]);
  const count = (s: ScanSeverity) => findings.filter((f) => f.severity === s).length;
  return `${lines.join('\n')}\n\n${count('error')} error(s), ${count('warning')} warning(s), ${count('note')} note(s)\n`;
}
