// Evidence for the rules in ./windows.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'windows/recursive-delete': {
    catches: [
      'rmdir /s /q D:\\',
      'del /f /s /q C:\\Users\\dev\\*',
      'powershell -Command "Remove-Item -Recurse -Force C:\\Users\\me\\projects\\*"',
      'Get-ChildItem -Path E:\\Projects -Recurse | Remove-Item -Force -Recurse',
      'rd /S /Q build',
      'cmd /c "rd /s /q C:\\data"',
      'ri -r -fo C:\\x',
    ],
    passes: ['rmdir empty-dir', 'del notes.txt', 'Remove-Item notes.txt', 'dir /s'],
  },
  'windows/wipe': {
    catches: ['format D: /q', 'vssadmin delete shadows /all /quiet', 'wmic shadowcopy delete', 'echo clean | diskpart', 'Clear-Disk -Number 1 -RemoveData'],
    passes: ['vssadmin list shadows', 'diskpart /?', 'format-table'],
  },
};
