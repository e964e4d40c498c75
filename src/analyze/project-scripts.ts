// Project task runners: what `make T` and `just R` would run, read from the Makefile or justfile.
// Recipes are turned back into shell text for the parser; prerequisites run first, so they are included.

const MAX_DEPTH = 8;

interface Recipe {
  deps: string[];
  lines: string[];
}

/** Makefile rules: `target: deps` followed by tab-indented recipe lines. */
export function parseMakefile(text: string): { recipes: Map<string, Recipe>; first: string | null } {
  const recipes = new Map<string, Recipe>();
  let first: string | null = null;
  let current: Recipe[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines) {
    if (line.startsWith('\t')) {
      for (const r of current) r.lines.push(line.slice(1));
      continue;
    }
    const rule = /^([^:#=\s][^:#=]*?)\s*::?(?!=)\s*([^;#]*)(?:;\s*(.*))?$/.exec(line);
    if (rule && !line.includes(':=') && !/^\s*(export|include|define|ifeq|ifneq|ifdef|ifndef|else|endif|-include)\b/.test(line)) {
      const targets = rule[1]!.trim().split(/\s+/);
      const deps = rule[2]!.trim().split(/\s+/).filter(Boolean);
      current = targets.map((t) => {
        const recipe = recipes.get(t) ?? { deps: [], lines: [] };
        recipe.deps.push(...deps);
        if (rule[3]) recipe.lines.push(rule[3]);
        recipes.set(t, recipe);
        return recipe;
      });
      first ??= targets.find((t) => !t.startsWith('.') && !t.includes('%')) ?? null;
      continue;
    }
    if (line.trim() && !line.startsWith('#')) current = [];
  }
  return { recipes, first };
}

/**
 * The commands make runs while it reads a makefile, whatever target is asked for: each `$(shell cmd)`
 * (and `${shell cmd}`), and the right side of `var != cmd`. Those in recipes run when the recipe does,
 * which is as good as now.
 */
export function makeShellCommands(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$([({])shell\s/g)) {
    const close = m[1] === '(' ? ')' : '}';
    let depth = 1;
    let i = m.index! + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === m[1]) depth++;
      else if (text[i] === close) depth--;
    }
    out.push(text.slice(start, depth === 0 ? i - 1 : i).replace(/\$\$/g, '$'));
  }
  // Recipe lines (a tab first) are shell, where `a != b` is a comparison.
  for (const m of text.matchAll(/^ *(?:override\s+|export\s+)?[^\s:#=!]+\s*!=\s*(.*)$/gm)) out.push(m[1]!.replace(/\$\$/g, '$'));
  return out.filter((c) => c.trim());
}

/** justfile recipes: `name args: deps` followed by indented lines. */
export function parseJustfile(text: string): { recipes: Map<string, Recipe>; first: string | null } {
  const recipes = new Map<string, Recipe>();
  let first: string | null = null;
  let current: Recipe | null = null;
  for (const line of text.split('\n')) {
    if (/^[ \t]+\S/.test(line) && current) {
      current.lines.push(line.trim());
      continue;
    }
    const m = /^@?([A-Za-z_][\w-]*)([^:]*?):(?!=)\s*(.*)$/.exec(line);
    if (m) {
      current = { deps: m[3]!.split(/\s+/).filter((d) => /^[A-Za-z_][\w-]*$/.test(d)), lines: [] };
      recipes.set(m[1]!, current);
      first ??= m[1]!;
      continue;
    }
    if (line.trim() && !line.startsWith('#')) current = null;
  }
  return { recipes, first };
}

/** The shell text `targets` would run, prerequisites first. Make and just variables become shell variables. */
export function recipeScript(parsed: { recipes: Map<string, Recipe>; first: string | null }, targets: string[], kind: 'make' | 'just'): { script: string; missing: string[] } {
  const out: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (target: string, depth: number) => {
    if (seen.has(target) || depth > MAX_DEPTH) return;
    seen.add(target);
    const recipe = parsed.recipes.get(target);
    if (!recipe) {
      missing.push(target);
      return;
    }
    for (const dep of recipe.deps) visit(dep, depth + 1);
    for (const line of recipe.lines) out.push(recipeLine(line, kind));
  };
  const wanted = targets.length ? targets : parsed.first ? [parsed.first] : [];
  for (const t of wanted) visit(t, 0);
  return { script: out.join('\n'), missing };
}

function recipeLine(line: string, kind: 'make' | 'just'): string {
  let text = line.replace(/^[@+-]+/, '');
  if (kind === 'make') {
    // $(VAR) and ${VAR} are make variables, $$ is a literal $ for the shell.
    text = text
      .replace(/\$\$/g, '\u0000')
      .replace(/\$[({]([A-Za-z_][\w.]*)[)}]/g, '${$1}')
      .replace(/\$[@<^*?]/g, '"$MAKE_AUTOMATIC"')
      .replace(/\u0000/g, '$');
  } else {
    text = text.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, '${$1}');
  }
  return text;
}

/** Names of tasks that usually destroy data, for scripts that can't be read. */
const DESTRUCTIVE_NAME =
  /(^|[:_\-./\s])(reset|nuke|teardown|tear-down|drop|destroy|wipe|purge|delete|erase|flush|truncate|rollback|obliterate|clobber|zap|fresh|clean-?db|db-?clean|clear-?db|seed:?replant|undo)($|[:_\-./\s])/i;

export function soundsDestructive(name: string): boolean {
  return DESTRUCTIVE_NAME.test(name);
}
