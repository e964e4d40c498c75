// Evidence for the rules in ./mcp.ts: calls each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'mcp/destructive-tool': {
    catches: [
      { kind: 'mcp', server: 'kubernetes', tool: 'delete_namespace', args: { name: 'production' } },
      { kind: 'mcp', server: 'kubernetes', tool: 'kubectl_delete', args: { resourceType: 'namespace', name: 'prod' } },
      { kind: 'mcp', server: 'db', tool: 'drop_table', args: { table: 'users' } },
      { kind: 'mcp', server: 'neon', tool: 'delete_project', args: { projectId: 'p' } },
      { kind: 'mcp', server: 'supabase', tool: 'reset_branch', args: { branch_id: 'b' } },
      { kind: 'mcp', server: 'k8s', tool: 'deleteDeployment', args: { name: 'api' } },
    ],
    passes: [
      { kind: 'mcp', server: 'kubernetes', tool: 'list_pods', args: { namespace: 'default' } },
      { kind: 'mcp', server: 'neon', tool: 'describe_project', args: { projectId: 'p' } },
      { kind: 'mcp', server: 'jobs', tool: 'get_delete_status', args: { id: 1 } },
      { kind: 'mcp', server: 'db', tool: 'drop_table', args: { sql: 'SELECT 1' } },
    ],
  },
  'mcp/writing-tool': {
    catches: [
      { kind: 'mcp', server: 'prod_api', tool: 'update_customer', args: { id: 42, plan: 'free' } },
      { kind: 'mcp', server: 'k8s', tool: 'apply_manifest', args: { manifest: 'kind: Deployment' } },
    ],
    passes: [
      { kind: 'mcp', server: 'k8s', tool: 'get_deployment', args: { name: 'api' } },
      { kind: 'mcp', server: 'docs', tool: 'search', args: { text: 'update' } },
    ],
  },
};
