// MCP tools whose arguments carry nothing airlock can judge (no SQL, command or file change) are
// judged by what their names say, as the generic rule judges a CLI no pack knows by its subcommand:
// `delete_namespace`, `drop_table`, `reset_branch` destroy; `update_customer`, `apply_manifest` write,
// which is held where the server is production. Where a tool's arguments do carry SQL or commands,
// those are what it is judged by (src/analyze/requests.ts).

import { MCP_TOOL_PROGRAM, type Invocation } from '../core/invocation.js';
import { rule } from '../rules/rule.js';

const DESTROYS = /^(delete|destroy|drop|purge|wipe|terminate|remove|rm|reset|nuke|erase|obliterate|deprovision|decommission|teardown|truncate|uninstall|flush)$/;
const WRITES =
  /^(create|update|insert|upsert|set|put|patch|apply|deploy|write|edit|modify|merge|push|publish|execute|exec|run|invoke|trigger|scale|restart|stop|start|rollback|restore|migrate|grant|revoke|rename|move|upload|import|add|enable|disable|cancel|approve|promote|replace|sync)$/;
/** A tool whose name starts by saying it only looks (`get_delete_status`, `list_deleted_items`). */
const LOOKS = /^(get|list|describe|show|read|search|find|count|check|fetch|view|query|explain|preview|diff|plan|validate|inspect|watch|status|logs?)$/;

/** The words of a tool's name: `kubectl_delete`, `deleteDeployment`, `apply-manifest`. */
function words(tool: string): string[] {
  return tool
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** The verb among a tool's words that `verbs` knows, unless the name starts by saying it only looks; with the server and tool. */
function verbOf(inv: Invocation, verbs: RegExp): { server: string; tool: string; verb: string } | null {
  const server = inv.argv[1]?.text ?? '';
  const tool = inv.argv[2]?.text ?? '';
  const w = words(tool);
  if (!w.length || LOOKS.test(w[0]!)) return null;
  const verb = w.find((x) => verbs.test(x));
  return verb ? { server, tool, verb } : null;
}

const destructiveTool = rule({
  id: 'mcp/destructive-tool',
  effect: 'destroy',
  severity: 'high',
  programs: [MCP_TOOL_PROGRAM],
  summary: 'an MCP tool whose name says it deletes, drops, destroys or resets something',
  consequence: 'Whatever the server manages (a database, a cluster, a project, a repository) is deleted; airlock judges the tool by its name, so it assumes the worst.',
  alternatives: ["use the server's list/describe tools first and show a human what would be deleted", 'ask the human to run it'],
  match(inv) {
    const hit = verbOf(inv, DESTROYS);
    return hit && { target: `${hit.server} ${hit.tool}`, summary: `${hit.tool} on MCP server ${hit.server}: "${hit.verb}" on something the server manages` };
  },
});

const writingTool = rule({
  id: 'mcp/writing-tool',
  effect: 'write',
  severity: 'medium',
  programs: [MCP_TOOL_PROGRAM],
  summary: 'an MCP tool whose name says it changes something',
  consequence: 'Whatever the server manages is changed; where the server is production, that is a production write.',
  alternatives: ["use the server's read tools first and show a human the change", 'ask the human to run it'],
  match(inv) {
    const hit = verbOf(inv, WRITES);
    return hit && { target: `${hit.server} ${hit.tool}`, summary: `${hit.tool} on MCP server ${hit.server}: "${hit.verb}" changes something the server manages` };
  },
});

export const pack = [destructiveTool, writingTool];
