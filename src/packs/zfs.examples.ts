// Evidence for the rules in ./zfs.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'zfs/destroy': {
    catches: [
      'zfs destroy tank/db@2024-06-01',
      'zfs destroy -r tank/db',
      'zfs destroy tank/db@2024-05-01%2024-06-01',
      'zfs rollback tank/db@yesterday',
      'zfs rollback -r tank/db@last-week',
      'zpool destroy -f tank',
      'zpool labelclear -f /dev/sdb1',
    ],
    passes: ['zfs list -t snapshot', 'zfs destroy -nv tank/db@2024-06-01', 'zfs destroy -n -r tank/db', 'zfs snapshot tank/db@before-migration', 'zpool status tank', 'zfs send tank/db@x'],
  },
};
