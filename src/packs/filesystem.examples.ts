// Evidence for the rules in ./filesystem.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'filesystem/rm': {
    catches: [
      'rm -rf ~',
      'rm -rf ~/',
      'rm -rf /',
      'rm -rf /*',
      'sudo rm -rf --no-preserve-root /',
      'rm -rf "$BUILD_DIR/"',
      'rm -rf .',
      'rm -rf ..',
      'rm -r -f ~/Documents',
      'rm -fr ~/projects/acme-api',
      '/bin/rm -rf ~/projects',
      '\\rm -rf ~/projects',
      'rm -rf .git',
      'rm -rf ~/.ssh',
      'rm -f data/app.db',
      'rm -rf src',
      'ls -d */ | xargs rm -rf',
      'mv ~/projects/acme /tmp/trash-$(date +%s) && rm -rf /tmp/trash-*',
      'rm -rf ./* .[!.]*',
      'rm .env',
      'npx rimraf ~/projects',
      "r''m -rf ~",
      "$'\\x72\\x6d' -rf ~/projects",
      'rm -rf $HOME',
      'rm -rf ~/{projects,.ssh}',
    ],
    passes: ['rm -rf node_modules', 'rm -rf dist build .next', 'rm -f *.log', 'rm -rf /tmp/build-cache', 'rm -rf .venv', 'rm tmp/pids/server.pid', 'rm -rf .terraform', 'echo rm -rf ~', 'rm --help'],
  },
  'filesystem/find-delete': {
    catches: ['find . -type f -delete', "find / -name '*.db' -delete 2>/dev/null", 'find ~ -mtime +30 -delete'],
    passes: ["find . -name '*.pyc' -delete", 'find . -name node_modules -prune', 'find . -type d -name __pycache__ -delete', 'find . -type f -print'],
  },
  'filesystem/shred': {
    catches: ['shred -u -n 3 db/production.sqlite3', 'shred secrets.txt', 'shred -n 1 -z /dev/sda'],
    passes: ['shred --help', 'shred --version'],
  },
  'filesystem/truncate': {
    catches: ['truncate -s 0 db/production.sqlite3', 'truncate --size=0 data.csv'],
    passes: ['truncate -s 0 app.log', 'truncate -s 10G disk.img'],
  },
  'filesystem/dd': {
    catches: ['dd if=/dev/zero of=/dev/sda bs=1M status=progress', 'dd if=/dev/urandom of=db/app.sqlite3', 'sudo dd if=ubuntu.iso of=/dev/disk2 bs=4m', 'dd if=/dev/zero of=/dev/nvme0n1p1'],
    passes: ['dd if=/dev/sda of=disk.img', 'dd if=/dev/zero of=/tmp/test.img bs=1M count=10', 'dd if=/dev/urandom of=/dev/null count=1', 'dd if=/dev/zero of=out.img bs=1M count=10'],
  },
  'filesystem/format': {
    catches: [
      'sudo mkfs.ext4 -F /dev/nvme0n1p2',
      'sudo wipefs -a /dev/sdb',
      'sgdisk --zap-all /dev/sdc',
      'diskutil eraseDisk APFS x disk2',
      'blkdiscard /dev/nvme0n1',
      'parted -s /dev/sda mklabel gpt',
      'mkswap /dev/sdb2',
      'fdisk /dev/sdb',
    ],
    passes: ['fdisk -l', 'parted -l', 'parted /dev/sda print', 'sgdisk -p /dev/sda', 'sgdisk --zap-all --pretend /dev/sda', 'wipefs /dev/sdb', 'diskutil list'],
  },
  'filesystem/rsync-delete': {
    catches: ['rsync -a --delete ./empty/ ~/', 'rsync -av --delete build/ .', 'rsync -a --delete-after src/ /var/www/'],
    passes: ['rsync -a --delete src/ dist/', 'rsync -av ./site/ /var/www/', 'rsync -a --delete --dry-run a/ ~/b/'],
  },
  'filesystem/recursive-permissions': {
    catches: [
      'chmod -R 000 /',
      'chmod --recursive 777 /etc',
      'chmod -Rf a-rwx ~',
      'sudo chown -R nobody /',
      'chgrp -R staff /usr',
      'setfacl -R -m u:nobody:rwx /etc',
      'chmod -R 777 $HOME',
      'sudo chmod -vR 755 /var',
      'chown -R root:root /home',
      'chmod -R 700 "$APP_DIR/"',
      'chown --recursive me /usr/local/lib',
    ],
    passes: ['chmod -R 755 ./build', 'chmod 600 ~/.ssh/id_rsa', 'chown -R me ./node_modules', 'chmod +x script.sh', 'chmod 755 /usr/local/bin/tool', 'chmod -R u+w ~/projects/app', 'chmod --help'],
  },
  'filesystem/truncating-redirect': {
    catches: ['cat ubuntu.iso > /dev/sdb', ': > db/production.sqlite3', 'cat /dev/null > ~/.ssh/authorized_keys', 'echo "" > .env', '> data/app.db', 'echo x > /etc/hosts', ': > notes.md'],
    passes: ['echo hello > out.txt', "echo 'DELETE FROM users;' > /tmp/example.sql", 'ls > /dev/null 2>&1', 'echo hi > /dev/stdout', 'echo hi > /dev/tty', 'echo done >> log.txt', ': > app.log'],
  },
};
